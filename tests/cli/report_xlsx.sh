# kaoping report results|monitor|rectify: the printed documents (issue 13 item 5), read back by
# an independent reader (tests/cli/report_check.py, Debian's python3-openpyxl) cell by cell and
# page setup included: A4 landscape, one page wide, the header row on every page, the title
# with county and year, the footer with 制表单位 and date. The numbers are checked against
# `kaoping export ranking` / `monitor` / `rectify list` and against docs/domain.md's worked
# example (D02 2025) by hand.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/d.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
PY() { /usr/bin/python3 "$KAOPING_SRC/tests/cli/report_check.py" "$@" 2>&1; }
expect_ok K demo

# --- 考核结果通报 ---
expect_ok K report results --year 2025 --county 奇台县 --office "奇台县绩效考核办公室 & 评议组" \
  --today 2026-12-02 -o "$work/results.xlsx"
expect_stdout_has "已生成 results 报表: $work/results.xlsx"
expect_ok K export ranking --year 2025 -o "$work/ranking.csv"
out=$(PY results "$work/results.xlsx" "$work/ranking.csv" 奇台县 "奇台县绩效考核办公室 & 评议组" 2026-12-02) ||
  fail "results report: $out"
# An existing file is kept unless --force; never the database.
expect_status 2 K report results --year 2025 -o "$work/results.xlsx"
expect_stderr_has "--force"
expect_status 2 K report results --year 2025 -o "$db"
expect_ok K report results --year 2025 -o "$work/results.xlsx" --force
# The default name, in the current folder.
(cd "$work" && "$KAOPING_BIN" --db "$db" report results --year 2025 >/dev/null) || fail "default name"
[ -s "$work/考核结果通报_2025.xlsx" ] || fail "no 考核结果通报_2025.xlsx"
expect_status 3 K report results --year 2031 -o "$work/none.xlsx"
expect_stderr_has "2031 年度不存在"
[ ! -e "$work/none.xlsx" ] || fail "a report was written for a missing year"
# The 半年初评 stage: the rows of `rank --stage half` (K_H scaled to 100, deductions to 30 June).
expect_ok K report results --year 2026 --stage half --today 2026-12-02 -o "$work/half.xlsx"
K rank --year 2026 --stage half --format json >"$work/half.json" || fail "rank --stage half"
out=$(PY half "$work/half.xlsx" "$work/half.json") || fail "half report: $out"
expect_status 2 K report results --stage spring -o "$work/none.xlsx"
expect_stderr_has "--stage 应为 half"

# --- 双监控季度通报 ---
expect_status 2 K report monitor --year 2026 -o "$work/m.xlsx"
expect_stderr_has "需要 --quarter"
expect_ok K report monitor --year 2026 --quarter 3 --today 2026-12-02 -o "$work/monitor.xlsx"
K monitor --year 2026 --quarter 3 --summary --format csv >"$work/summary.csv" || fail "monitor --summary"
K monitor --year 2026 --quarter 3 --level yellow --format csv >"$work/warnings.csv" || fail "monitor"
out=$(PY monitor "$work/monitor.xlsx" "$work/summary.csv" "$work/warnings.csv" 2026-12-02) ||
  fail "monitor report: $out"

# --- 整改清单: one overdue, one open, one done (not listed) ---
expect_ok K rectify add --year 2026 --unit D13 --deadline 2026-10-31 --text "加快支出进度" --today 2026-09-01
expect_ok K rectify add --year 2026 --unit T03 --deadline 2026-12-31 --text "补报第三季度进度" --today 2026-10-10
expect_ok K rectify add --year 2026 --unit D02 --deadline 2026-11-30 --text "已整改的事项" --today 2026-10-10
id=$(sed -n 's/^已登记整改 \([0-9a-f]*\).*/\1/p' "$last_out")
expect_ok K rectify done "$id" --note "已完成" --today 2026-11-01
expect_ok K report rectify --year 2026 --today 2026-12-02 -o "$work/rectify.xlsx"
K rectify list --year 2026 --today 2026-12-02 --format csv >"$work/list.csv" || fail "rectify list"
out=$(PY rectify "$work/rectify.xlsx" "$work/list.csv" 2026-12-02) || fail "rectify report: $out"
# 2026-10-31 to 2026-12-02: 1 + 30 + 1 = 32 days overdue.
[ "$(PY rectify_days "$work/rectify.xlsx" 5)" = 32 ] || fail "逾期天数: $(PY rectify_days "$work/rectify.xlsx" 5)"

# --- ranking and monitor are kinds of the export table (issue 11): .xlsx as well as CSV ---
expect_ok K export ranking --year 2025 -o "$work/ranking.xlsx"
expect_stdout_has "(工作表 排名)"
out=$(PY export "$work/ranking.xlsx" "$work/ranking.csv" 排名) || fail "ranking.xlsx: $out"
K export monitor --year 2026 --quarter 3 -o "$work/monitor.csv" >/dev/null || fail "export monitor"
expect_ok K export monitor --year 2026 --quarter 3 -o "$work/monitor_export.xlsx"
out=$(PY export "$work/monitor_export.xlsx" "$work/monitor.csv" 双监控) || fail "monitor.xlsx: $out"
expect_status 2 K export monitor --year 2026 -o "$work/m2.xlsx"
expect_stderr_has "export monitor 需要 --quarter"
expect_status 2 K import ranking "$work/ranking.csv"
expect_stderr_has "ranking 是计算结果, 只能导出"

finish
