# 任务书's keys where the operator is: the bar offers `j 调整记录` on the 任务书 and, on the list of
# adjustments, `j 返回任务书` without the item keys (a, Enter, d and p were offered there and p
# asked for an approver); the item form names the unit (任务书条目 D01) and leaves an item
# without a budget with an empty 预算 (it showed 0); the approval reads in words in 审计日志
# (批准人 张三, not approved_by) under a table name that fits its column (任务批复; 任务书批复 was cut to 任务书~).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
bar() { screen | tail -1; }
start --db "$db"
wait_for "菜单"
keys 2; wait_for "任务书: 选择单位"; keys Enter; wait_for "D01 县发展和改革委员会 (县直部门) 2026 年度任务书"
bar | grep -q "j 调整记录" || fail "the bar has no j 调整记录"
keys j; wait_for "年度目标调整"
bar | grep -q "j 返回任务书" || fail "the adjustments' bar has no j 返回任务书"
bar | grep -q "新增条目" && fail "the adjustments' bar offers a 新增条目"
keys p; wait_for "这里是调整记录 (只供查看), 按 j 回到任务书"
keys j; wait_for "[全局性重点工作 30分]"
keys Down Down; wait_for "A12  营商环境优化改革事项"
keys Enter; wait_for "任务书条目 D01"
screen | grep -Eq "^  预算\(万元\) *$" || fail "A12 (no budget) shows a 预算 in its form"
keys Escape; wait_for "[全局性重点工作 30分]"
keys p; wait_for "批准人"; type_text 张三; keys Enter; wait_for "已批复"
keys Escape; wait_for "选择单位"; keys Escape; wait_for "菜单"
keys a; wait_for "审计日志"; wait_for "任务批复"
wait_for "批准人 张三" # the newest row, selected: its detail
screen | grep -q "approved_" && fail "a column of the approval shown by its stored name"
keys Q; wait_for "EXIT=0"
finish
