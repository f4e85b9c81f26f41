# 季度进度 and 双监控 at 80x24 show a warned item's 偏差原因, 整改措施 and 处置决定 all whole:
# a 偏差原因 of 72 columns pushed 整改措施 and 处置决定 off the fixed detail rows (季度进度
# left 8 list rows empty above them; 双监控 had two rows).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
why='征地拆迁滞后，两个项目未能按期开工，资金拨付也随之推迟到明年一季度' # 36 characters
today=$(TZ=UTC date +%F)
start --db "$db"
wait_for "菜单"
keys 3; wait_for "第 3 季度"; keys /; type_text D13; keys Enter; wait_for "找到: D13"
keys Enter; wait_for "D13 县交通运输局"
keys r; wait_for "偏差原因"; type_text "$why"; keys Enter; wait_for "已保存 A11 第 3 季度偏差原因"
keys c; wait_for "整改措施"; type_text 倒排工期，专班推进; keys Enter; wait_for "已保存 A11 第 3 季度整改措施"
keys j; wait_for "处置决定"; type_text 2; keys Enter; wait_for "已保存 A11 第 3 季度处置决定"
check() { # $1: where
  screen | grep -qF "偏差原因: $why" || fail "$1: 偏差原因 not whole"
  screen | grep -qF "整改措施: 倒排工期，专班推进" || fail "$1: 整改措施 not shown"
  screen | grep -qE "处置决定:? 调整 \($today\)" || fail "$1: 处置决定 not shown"
}
check 季度进度
keys Escape; wait_for "选择季度和单位"; keys Escape; wait_for "菜单"
keys 6; wait_for "Q3 预警"; wait_for "D13 县交通运输局  A11"
check 双监控
keys Q; wait_for "EXIT=0"
finish
