# Resize to 60x20 in the middle of a form: a single "终端太小" line while small, and the typed
# text (Chinese included) is still there when the terminal grows back; then it saves.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }

start --db "$db"
wait_for "菜单"
keys 1; wait_for "共 46 个单位"
keys a; wait_for "*单位编码"
keys F1; wait_for "「录入」的按键"; wait_for "Ctrl-U"; keys Escape; wait_for "*单位编码"
type_text X98; keys Tab; type_text 县乡村振兴局; keys Tab Right Tab Tab
type_text 王五
wait_for "王五"
resize 60 20
wait_for "终端太小 (需要 80×24)"
[ "$(screen | grep -c .)" -eq 1 ] || fail "more than one line while too small"
resize 100 30
wait_for "县乡村振兴局"
wait_for "王五"
resize 80 24
wait_for "县乡村振兴局"
screen | grep -qF "X98" || fail "code lost after resize"
# keeps typing where it was: the last field still has the cursor
type_text 明
wait_for "王五明"
keys F2; wait_for "已保存"; wait_for "共 47 个单位"
# a list screen also survives the round trip
resize 70 22; wait_for "终端太小"; resize 80 24; wait_for "共 47 个单位"
keys F10; wait_for "EXIT=0"

expect_eq "$(sql "$db" "SELECT name || '|' || pool || '|' || leader FROM unit WHERE code='X98'")" "县乡村振兴局|县直部门|王五明" "unit after resize"
finish
