# Wrong values are refused at entry with a message next to the field, and nothing is stored:
# letters in a number, a date 2026-13-01, points -1 (form), letters in a grid cell.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
year=$(sql "$db" "SELECT max(year) FROM year")
before_ledger=$(sql "$db" "SELECT count(*) FROM ledger")
before_progress=$(sql "$db" "SELECT group_concat(actual) FROM progress WHERE unit='D02' AND year=$year AND quarter=4")
before_audit=$(sql "$db" "SELECT count(*) FROM audit")

start --db "$db"
wait_for "菜单"
keys 4; wait_for "加减分台账: 选择单位"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "县教育局"
keys 1; wait_for "*日期"

# an impossible date: refused when leaving the field; the cursor stays on it
keys C-u; type_text "$year-13-01"; keys Tab
wait_for "日期无效"
type_text X                       # letters cannot even be typed into a date
wait_for "只能输入数字和 -"
keys C-u; type_text "$year-02-30"; keys Tab; wait_for "日期无效"
keys C-u; type_text "$year-04-02"; keys Tab
wait_gone "日期无效"
keys Tab Tab; type_text "台账记录缺失"; keys Tab

# letters in a number: refused per keystroke, the field stays empty
type_text abc
wait_for "只能输入数字"
# a negative deduction: refused on save, nothing written
type_text -1; keys F2
wait_for "未保存"
wait_for "应在 0 (不含) 到 10 之间"
# a date of another year: asked, and answering n writes nothing
keys C-u; type_text 0.5; keys BTab BTab BTab BTab; keys C-u; type_text 2024-04-02
keys F2; wait_for "日期 2024-04-02 不在 $year 年度内, 仍要保存? (y/N)"; keys n
wait_for "日期 2024-04-02 不在 $year 年度内, 请改正"
keys Escape; wait_for "中未保存的修改? (y/N)"
keys y; wait_for "查访核验 "
keys Escape; wait_for "加减分台账: 选择单位"; keys Escape; wait_for "菜单"

# the progress grid: letters refused, a negative value refused on save
keys 3; wait_for "季度进度: 选择季度和单位"; keys 4; wait_for "第 4 季度"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "累计完成"
type_text 7x; wait_for "只能输入数字"
keys BSpace; type_text -5; keys F2
wait_for "未保存"
# quitting with unsaved cells asks; "n" keeps the grid as it was
keys F10; wait_for "放弃「季度进度」中未保存的修改并退出? (y/N)"; keys n
wait_gone "修改并退出"; wait_for "-5"
keys Escape; wait_for "放弃「季度进度」中未保存的修改? (y/N)"; keys y
wait_for "第 4 季度"
keys F10; wait_for "EXIT=0"

expect_eq "$(sql "$db" "SELECT count(*) FROM ledger")" "$before_ledger" "ledger rows"
expect_eq "$(sql "$db" "SELECT group_concat(actual) FROM progress WHERE unit='D02' AND year=$year AND quarter=4")" "$before_progress" "D02 Q4 progress"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit")" "$before_audit" "audit rows (nothing written)"
finish
