# A finding longer than its field (issue 17 item 3): the 整改要求 field (60 columns) takes a
# 100-character mixed Chinese/ASCII text by scrolling, shows the tail with `<` where text is
# hidden on the left (never half a Chinese character at the edge), `>` when hidden on the
# right, and saves the whole text; Home/End/Left/Right/Backspace/Delete edit it in place.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8 # ${var:i:n} below counts characters
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
# 71 characters ending in an ASCII letter, then 29 Chinese ones (58 columns): at the end of
# the text the 60-column field shows `<`, those 29 and the cursor's cell, as the `x` before
# them would need a 61st column.
head='2026-10-12 查访 D02 county canteen: 餐具消毒记录不全 (3 处), 台账 ABC-17 缺页; 复查 by x'
tail='防鼠设施缺失，消毒柜未通电，食品留样记录不全，限期整改到位'
finding="$head$tail"
expect_eq "${#head}+${#tail}" "71+29" "test data"
rect() { sql "$db" "SELECT $1 FROM rectification WHERE unit='D02'"; }
field_row() { screen | grep -F '整改要求'; }

start --db "$db"
wait_for "菜单"
keys 7; wait_for "年度整改"
keys a; wait_for "新增整改: 选择单位"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "新整改: D02 县教育局"
type_text "$finding" # the form opens on 整改要求
wait_for "<$tail"
field_row | grep -qF "x$tail" && fail "the character left of the window is shown"
screen | grep -qF "已到" && fail "refused as full"
# Home shows the start, marked `>` on the right; End the tail again.
keys Home; wait_for "整改要求  2026-10-12 查访"
field_row | grep -q '>[[:space:]]*$' || fail "no > mark with text hidden on the right"
field_row | grep -qF '<' && fail "a < mark at the start"
keys End; wait_for "<$tail"
keys F2
wait_for "已"
expect_eq "$(rect text)" "$finding" "the whole finding saved"

# Edit: Home Delete drops the first character, End Backspace the last, Left x3 then `Q` goes in
# before the last three; Right past the end and Left past the start change nothing.
keys e; wait_for "修改整改: D02 县教育局"
keys Tab; wait_for "<$tail"
keys Home Left Delete End Right Right BSpace Left Left Left; type_text Q
edited="${finding:1:98}"
edited="${edited:0:95}Q${edited:95}"
wait_for "${edited: -10}"
keys F2; wait_for "已"
expect_eq "$(rect text)" "$edited" "edited in place"
keys Escape; keys Q; wait_for "EXIT=0"
finish
