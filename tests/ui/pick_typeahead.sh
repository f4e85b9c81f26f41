# The unit pickers (首页 2/3/4) jump as a code's or a name's first characters are typed (letters
# and digits were ignored without a word): d05 finds D05 (any case), 县教 finds D02 县教育局, a
# start no unit has is named in the status line; in 季度进度's picker 2 still picks 第 2 季度
# and T03 is a code (its 3 continues T0, it does not pick the quarter).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 2; wait_for "任务书: 选择单位"
type_text d05; wait_for "定位「d05」: D05 县公安局"
keys Enter; wait_for "D05 县公安局 (县直部门) 2026 年度任务书"
keys Escape; wait_for "任务书: 选择单位"
type_text 县教; wait_for "定位「县教」: D02 县教育局"
keys Enter; wait_for "D02 县教育局 (县直部门) 2026 年度任务书"
keys Escape; wait_for "任务书: 选择单位"; keys Escape; wait_for "菜单"
keys 4; wait_for "加减分台账: 选择单位"
type_text Z; wait_for "没有编码或名称以「Z」开头的单位"
keys Escape; wait_for "菜单"
keys 3; wait_for "季度进度"
keys 2; wait_for "第 2 季度 (<- -> 切换)"
type_text T03; wait_for "定位「T03」: T03 半截沟镇"
screen | grep -qF "第 2 季度 (<- -> 切换)" || fail "the 3 of T03 picked a quarter"
keys Enter; wait_for "T03 半截沟镇"
keys Q; wait_for "EXIT=0"
finish
