# 排名结果 on the demo county: D02 县教育局's rank, total and grade on screen are those of
# `kaoping rank --format csv`; the grade filter; the explanation shows the CLI's formula line;
# the export key writes the same bytes as `kaoping rank --format csv --pool 县直部门` (the
# format of `kaoping export ranking`) next to the database.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
cli_row=$(LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv | tr -d '"\r' | grep '^[0-9]*,D02,')
rank=$(echo "$cli_row" | cut -d, -f1)
total=$(echo "$cli_row" | cut -d, -f13)
grade=$(echo "$cli_row" | cut -d, -f14)
expect_eq "$rank|$total|$grade" "17|89.31|良好" "CLI D02"

start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
keys r; wait_for "乡镇 (1/4 组)"
keys Tab; wait_for "县直部门 (2/4 组)"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
line=$(screen | grep "D02 县教育局")
echo "$line" | grep -Eq "^ *$rank +D02 县教育局 .* $total $grade" || fail "D02 row on screen: $line"

# The grade filter hides D02 under 优秀 and shows it again under 良好.
keys g; wait_for "等次: 优秀"
screen | grep -q "D02 县教育局" && fail "D02 shown under 优秀"
keys g; wait_for "等次: 良好"; wait_for "D02 县教育局"
keys g g g; wait_for "等次: 全部"

# The explanation: the same lines as `kaoping explain`.
keys /; wait_for "查找"; keys C-u; type_text 县教育局; keys Enter; wait_for "找到: 县教育局"
keys Enter; wait_for "D02 的得分说明"
wait_for "D02 县教育局  分组 县直部门  2025 年度"
keys End; wait_for "集中考核 80.00×30/90 + 84.00×60/90 = 82.67"
wait_for "排名: 县直部门 第 17 名 (共 30 个单位)"
formula=$(LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" explain --year 2025 D02 | grep '^集中考核')
keys w; wait_for "(折行)"; keys End; wait_for "排名: 县直部门 第 17 名"
wrapped=$(screen | awk '/^ 集中考核/ {f = 1} f && n < 2 {sub(/^ /, ""); sub(/ +$/, ""); printf "%s", $0; n++}')
expect_eq "$wrapped" "$formula" "wrapped formula line = kaoping explain"
keys Escape; wait_for "县直部门 (2/4 组)"

# Export of the current pool.
keys e; wait_for "已导出 县直部门 30 个单位"
out="$work/排名_2025_县直部门.csv"
wait_for "→ $out" # the whole path: a long message takes the whole status line
[ -f "$out" ] || fail "no file $out"
LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv --pool 县直部门 > "$work/cli.csv"
cmp -s "$out" "$work/cli.csv" || fail "exported CSV differs from kaoping rank --format csv --pool 县直部门"
ls "$work" | grep -q 'tmp-' && fail "temp file left behind"

# Left goes back a pool, Tab wraps around.
keys Left; wait_for "乡镇 (1/4 组)"
keys Left; wait_for "金融机构 (4/4 组)"

# Another program changes the scheme while the list is open: the explanation ranks the year
# again (the cache sees the other connection's commit) and the list follows when it returns.
LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" scheme use zhengding --year 2025 --keep-categories >/dev/null || fail "scheme use"
keys Enter; wait_for "考核方案 zhengding"
keys Escape; wait_for "方案 zhengding"; wait_for "金融机构 (4/4 组)"
keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
finish
