# A form's refusal wider than the terminal is shown whole on two rows (it was cut at 80 columns
# before its end, which says what to do): an approved 任务书's target changed without the
# adjustment fields names all three.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" targets approve --year 2026 --approved-by 张县长 D01 >/dev/null || fail "approve"
start --db "$db"
wait_for "菜单"
keys 2; wait_for "任务书: 选择单位"; keys Enter; wait_for "已批复"
keys Down; wait_for "营商环境优化改革事项"; keys Enter; wait_for "任务书条目"
keys Down Down Down Down Down C-u; type_text 12; keys F2
wait_for "修改指标 A12 的目标值是目标调整,"
wait_for "须给出调整原因、批准人和起始季度 (1-4)" # the form's second message row
keys Escape; wait_for "(y/N)"; keys y; wait_for "已批复 "
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT target_value FROM target WHERE year = 2026 AND unit = 'D01' AND item = 'A12'")" 11.0 "A12's target"
finish
