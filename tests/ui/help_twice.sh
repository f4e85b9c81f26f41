# Two instances of one screen, each with its own state (app.h): `?` on the help pushes a help
# of the help over it, and Esc shows the first help as it was left, scrolled to its end.
# (Before per-instance state `?` on the help was refused, and pushing it anyway overwrote the
# first help's screen: Esc showed 「帮助」的按键.)
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }

start --db "$db"
wait_for "菜单"
keys '?'; wait_for "「首页」的按键   (还有更多"
keys End; wait_for "F10/Q"
screen | grep -q "Enter  *打开" && fail "End did not scroll the help of 首页"
keys '?'; wait_for "「帮助」的按键"
screen | grep -q "审计日志: 谁在何时" && fail "the help of the help lists the home menu"
keys Escape; wait_for "「首页」的按键"
# the first help is intact: still its own screen's keys, still scrolled to the end
screen | grep -q "F10/Q" || fail "the first help lost its scroll position"
screen | grep -q "Enter  *打开" && fail "the first help was reset to its top"
screen | grep -q "审计日志: 谁在何时" || fail "the first help no longer lists the home menu" # its last page
keys Escape; wait_for "菜单"
screen | grep -q "的按键" && fail "two Esc did not leave both helps"

# the same on another screen: 1, ?, ?, Esc is the help of 单位管理, Esc again 单位管理
keys 1; wait_for "共 46 个单位"
keys '?'; wait_for "「单位管理」的按键"
keys '?'; wait_for "「帮助」的按键"
keys Escape; wait_for "「单位管理」的按键"
keys Escape; wait_for "共 46 个单位"
keys Q; wait_for "EXIT=0"
finish
