# `?` on the help does not push a help of the help: 1, ?, ?, Esc is back on 单位管理.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }

start --db "$db"
wait_for "菜单"
keys 1; wait_for "共 46 个单位"
keys '?'; wait_for "「单位管理」的按键"
keys '?'; wait_for "已在帮助中"
screen | grep -q "「帮助」的按键" && fail "? on the help pushed a help of the help"
keys Escape; wait_for "共 46 个单位"
screen | grep -q "的按键" && fail "one Esc did not leave the help"
keys Q; wait_for "EXIT=0"
finish
