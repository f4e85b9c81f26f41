# The report key `p` on 排名结果, 双监控 and 整改 (issue 13 item 5): a prompt with the file name
# beside the database, then the same workbook `kaoping report` writes (cells, merges, page
# setup compared by openpyxl); an existing file is replaced only after y; the key is in the
# key bar and the help.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@"; }
same() { /usr/bin/python3 "$KAOPING_SRC/tests/cli/report_check.py" same "$1" "$2" || fail "$1 differs from $2"; }

start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
keys r; wait_for "乡镇 (1/4 组)"
screen | tail -1 | grep -q "p 报表" || fail "p is not in the key bar of 排名结果"
keys '?'; wait_for "生成考核结果通报"; keys Escape; wait_for "乡镇 (1/4 组)"
keys p; wait_for "生成报表"; wait_for "$work/考核结果通报_2025.xlsx"
keys Enter; wait_for "已生成报表"
out="$work/考核结果通报_2025.xlsx"
[ -f "$out" ] || fail "no $out"
kp report results --year 2025 -o "$work/cli_results.xlsx" >/dev/null || fail "report results"
same "$out" "$work/cli_results.xlsx"
# Again: the file exists, n keeps it, y replaces it.
before=$(stat -c %Y.%i "$out")
keys p; wait_for "生成报表"; keys Enter; wait_for "考核结果通报_2025.xlsx 已存在, 覆盖? (y/N)"
keys n; wait_gone "覆盖?"
[ "$(stat -c %Y.%i "$out")" = "$before" ] || fail "n replaced the file"
keys p; wait_for "生成报表"; keys Enter; wait_for "覆盖? (y/N)"; keys y; wait_gone "覆盖?"
# The status line still shows the first report's 已生成报表: wait for the file itself.
for _ in $(seq 50); do [ "$(stat -c %Y.%i "$out")" != "$before" ] && break; sleep 0.2; done
[ "$(stat -c %Y.%i "$out")" != "$before" ] || fail "y did not replace the file"
# A name typed instead of the default.
keys p; wait_for "生成报表"; keys C-u; type_text "$work/结果.xlsx"; keys Enter; wait_for "已生成报表 → $work/结果.xlsx"
same "$work/结果.xlsx" "$work/cli_results.xlsx"
keys Escape; wait_for "菜单"

# 双监控 of the quarter on screen, 整改 of the year.
keys ']'; wait_for "2026 年度"
keys 6; wait_for "2026 年度 Q3"
keys p; wait_for "$work/双监控通报_2026_第3季度.xlsx"; keys Enter; wait_for "已生成报表 → $work/双监控通报_2026_第3季度.xlsx"
kp report monitor --year 2026 --quarter 3 -o "$work/cli_monitor.xlsx" >/dev/null || fail "report monitor"
same "$work/双监控通报_2026_第3季度.xlsx" "$work/cli_monitor.xlsx"
keys Escape; wait_for "菜单"
keys 7; wait_for "整改"
keys p; wait_for "$work/整改清单_2026.xlsx"; keys Enter; wait_for "已生成报表 → $work/整改清单_2026.xlsx"
kp report rectify --year 2026 -o "$work/cli_rectify.xlsx" >/dev/null || fail "report rectify"
same "$work/整改清单_2026.xlsx" "$work/cli_rectify.xlsx"
ls "$work" | grep -q 'tmp-' && fail "temp file left behind"

finish
