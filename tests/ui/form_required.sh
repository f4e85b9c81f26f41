# A form's empty required field does not hold the cursor: Tab marks it 必填 and moves on (it
# stayed with only a beep, so the fields could not be typed in another order); the save names
# the field (单位编码: 必填, not 有无效的输入) and puts the cursor on it; nothing is written
# until it is typed. A value that is wrong (not empty) still keeps the cursor (tests/ui/invalid.sh).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
units0=$(sql "$db" "SELECT count(*) FROM unit")
start --db "$db"
wait_for "菜单"
keys 1; wait_for "单位管理"; keys a; wait_for "*单位编码"
keys Tab; type_text "县测试局"
screen | grep -Eq "^ \*单位编码 +必填" || fail "the empty 单位编码 is not marked 必填"
screen | grep -Eq "^ \*单位名称 +县测试局" || fail "Tab did not move on to 单位名称"
keys F2; wait_for "未保存: 单位编码: 必填"
expect_eq "$(sql "$db" "SELECT count(*) FROM unit")" "$units0" "units after the refused save"
type_text X98 # the cursor is on 单位编码 again
screen | grep -Eq "^ \*单位编码 +X98" || fail "the refused save did not put the cursor on 单位编码"
keys F2; wait_for "已保存"
expect_eq "$(sql "$db" "SELECT name FROM unit WHERE code = 'X98'")" "县测试局" "the saved unit"
keys Q; wait_for "EXIT=0"
finish
