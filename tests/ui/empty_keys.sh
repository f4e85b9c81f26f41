# A key acting on the selected row of an empty list says so (it did nothing, silently): d, Enter
# and z in 台账 for a unit without records, d, e and o in an empty 整改 list, d on a 任务书
# category line and in the list of adjustments; nothing is written.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
printf '单位编码,单位名称,分组\nX99,县测试局,县直部门\n' >"$work/u.csv"
"$KAOPING_BIN" --db "$db" import units "$work/u.csv" >/dev/null || fail "import units"
audit0=$(sql "$db" "SELECT count(*) FROM audit")
start --db "$db"
wait_for "菜单"

find_x99() { keys /; wait_for "查找"; type_text X99; keys Enter; wait_for "找到: X99"; }
keys 4; wait_for "加减分台账: 选择单位"; find_x99; keys Enter; wait_for "X99"
keys d; wait_for "没有可删除的记录"
keys Enter; wait_for "没有可修改的记录"
keys z; wait_for "没有可登记整改的记录"
keys Escape; wait_for "选择单位"; keys Escape; wait_for "菜单"

keys 7; wait_for "整改 0 条"
keys d; wait_for "没有可删除的整改"
keys e; wait_for "没有可修改的整改"
keys o; wait_for "没有可重新打开的整改"
keys Enter; wait_for "没有可完成的整改"
keys Escape; wait_for "菜单"

keys 2; wait_for "任务书: 选择单位"; find_x99; keys Enter; wait_for "2026 年度任务书"
keys d; wait_for "选中的是类别行: 选一条指标再按 d 删除"
keys j; wait_for "调整"; keys d; wait_for "这里是调整记录 (只供查看), 按 j 回到任务书"
keys j; keys Escape; wait_for "选择单位"; keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit")" "$audit0" "the audit log after the refused keys"
finish
