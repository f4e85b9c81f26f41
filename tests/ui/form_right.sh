# Right arrow past the end of a form field's text does not move into the padding (issue 17
# item 3): in a new 查访核验 record, Right Right Right in the empty 扣分 field then 0.5 gives
# "0.5", which saves (before, the field read "   0.5" and was refused as not a number); in a
# text field Right at the end then more typing continues the text without spaces.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
year=$(sql "$db" "SELECT max(year) FROM year")
start --db "$db"
wait_for "菜单"
keys 4; wait_for "加减分台账: 选择单位"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "县教育局"
keys 1; wait_for "*日期"
keys C-u; type_text "$year-04-02"; keys Tab Tab Tab
type_text "台账"; keys Right Right; type_text "缺失"; keys Tab
keys Right Right Right; type_text 0.5
keys F2; wait_for "已保存"
expect_eq "$(sql "$db" "SELECT reason || '|' || points FROM ledger WHERE unit='D02' AND date='$year-04-02'")" \
  "台账缺失|0.5" "the record as typed"
finish
