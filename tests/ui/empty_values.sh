# Empty values read the same on every screen (docs/tui.md "Empty values"): a 偏差原因 and 整改措施
# not typed yet are `(未填)` in 季度进度's detail as in 双监控's (季度进度 said `-`, the word
# for a value a row cannot have, as its 评分 cell of a computed item still does).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 6; wait_for "Q3 预警"
wait_for "偏差原因: (未填)  整改措施: (未填)"
keys Escape; wait_for "菜单"
keys 3; wait_for "季度进度"; wait_for "第 3 季度"
keys /; wait_for "查找"; type_text D13; keys Enter; wait_for "找到: D13"
keys Enter; wait_for "D13 县交通运输局"
wait_for "A11 重点项目建设"
joined=$(screen | sed 's/^ //' | tr -d '\n')
case "$joined" in *"偏差原因: (未填)"*"整改措施: (未填)"*) ;; *) fail "季度进度's detail: not (未填)" ;; esac
case "$joined" in *"偏差原因: -"*) fail "季度进度's detail still says - for no 偏差原因" ;; esac
# A11 is a 比例 item: its 评分 cannot be typed, shown as - (not applicable)
screen | grep -E "^ *A11 " | grep -qE " - " || fail "A11's 评分 cell is not -"
keys Q; wait_for "EXIT=0"
finish
