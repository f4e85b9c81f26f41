# A question naming a long record keeps its ending: deleting a 查访核验 record whose finding is
# 70 characters long shows it whole and "(y/N)" in the dialog, no broken character ('?' in the text) and
# the start of the finding; a record longer than the dialog holds is cut with "~" before 」.
# (The question was cut at 255 bytes, inside a character, and the "(y/N)" fell off.)
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
long="抽查发现该局二〇二六年第三季度重点项目建设台账缺少监理单位签字的验收记录，部分项目进度照片与现场实际情况明显不符，需要说明原因并限期补齐相关材料"

start --db "$db"
wait_for "菜单"
keys 4; wait_for "加减分台账: 选择单位"; keys Enter; wait_for "2026 年度加减分台账"
keys 1; wait_for "发现问题"
keys Down Down Down; type_text "$long"; keys Enter; type_text 0.3; keys F2; wait_for "已保存"
keys /; wait_for "查找"; type_text "抽查发现"; keys Enter; wait_for "找到"
keys d; wait_for "删除 查访核验 记录「"
wait_for "限期补齐相关材料」?"; wait_for "(y/N)"
screen | grep -q "─ 请确认 ─" || fail "the dialog title is not centred with a space either side"
screen | grep -q "抽查发现该局" || fail "the question does not name the finding"
screen | grep "│" | grep -q '?[^ (]' && fail "a broken character in the question"
keys n; wait_for "未删除"
# Three times as long: more than the dialog holds, so the finding is cut with ~ and the
# ending stays (the saved record is the selected one).
keys 2; wait_for "查实问题"
keys Tab Tab; type_text "$long$long$long"; keys Enter; type_text 0.2; keys F2; wait_for "已保存"
keys d; wait_for "删除 投诉查处 记录「"
wait_for "~」?"; wait_for "(y/N)"
keys Escape; wait_for "未删除"
keys Q; wait_for "EXIT=0"
finish
