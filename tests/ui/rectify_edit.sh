# 整改 complete (issue 17 item 6): `a` adds one for a unit picked from the list (no warning or
# record behind it), `e` corrects text and deadline, Enter closes, `o` opens it again, `d`
# deletes it (asking, naming it) and `u` brings it back; each step checked in the database.
# A prefilled text from a ledger finding is shortened at a word boundary, never inside a word.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
printf '年度,单位编码,日期,类型,分值,方面,方式,事由,核验人\n2026,D03,2026-10-12,查访核验,0.5,作风建设,暗访,会议纪要未按规定归档，年度业务目标台账缺失,张三\n' >"$work/l.csv"
LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" import ledger "$work/l.csv" >/dev/null ||
  { echo "import failed" >&2; exit 1; }
rect() { sql "$db" "SELECT $1 FROM rectification WHERE unit='D02'"; }
finding="食堂卫生检查中发现餐具消毒记录不全，后厨防鼠设施缺失，整改"

start --db "$db"
wait_for "菜单"
keys 7; wait_for "年度整改 0 条"
wait_for "按 a 为一个单位登记"
# a: the unit from the list, then the form with nothing prefilled but the deadline.
keys a; wait_for "新增整改: 选择单位"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "新整改: D02 县教育局"
# The cursor starts in 整改要求 (the deadline is already filled in).
type_text "$finding"; keys F2
wait_for "年度整改 1 条"
expect_eq "$(rect text)" "$finding" "whole finding saved"
expect_eq "$(rect "coalesce(source_item, '') || coalesce(source_ledger, '') || status")" "open" "no source, open"
screen | grep -q "D02 县教育局" || fail "new record listed"

# e: new deadline and text.
keys e; wait_for "修改整改: D02 县教育局"
screen | grep -q "登记整改" && fail "the edit form is titled 登记整改"
keys C-u; type_text 2027-01-15; keys Tab C-u; type_text "餐具消毒记录补齐，防鼠设施安装到位"; keys F2
wait_for "2027-01-15"
expect_eq "$(rect "deadline || ' ' || text")" "2027-01-15 餐具消毒记录补齐，防鼠设施安装到位" "edited"

# Enter closes with a note; o opens it again (asking, naming the note).
keys Enter; wait_for "完成情况"; type_text 已整改到位; keys F2
wait_for "已完成"
expect_eq "$(rect status)" done "closed"
keys o; wait_for "重新打开 D02 的整改, 清除完成情况「已整改到位」"
keys y; wait_for "已重新打开 D02 的整改"
expect_eq "$(rect "status || '|' || coalesce(closed_at, '') || '|' || coalesce(close_note, '')")" "open||" "reopened"

# d deletes (Enter answers no), u brings the same row back.
row=$(sql "$db" "SELECT * FROM rectification WHERE unit='D02'")
keys d; wait_for "删除整改「D02 县教育局, 期限 2027-01-15:"; wait_for "餐具消毒记录补齐，防鼠设施安装到位」? (y/N)"
keys Enter
wait_for "未删除"; expect_eq "$(sql "$db" "SELECT * FROM rectification WHERE unit='D02'")" "$row" "Enter kept it"
keys d; wait_for "(y/N)"; keys y; wait_for "已删除 D02 的整改  (u 撤销)"
expect_eq "$(rect count\(\*\))" 0 "deleted"
keys u; wait_for "已撤销: 已删除 D02 的整改"
expect_eq "$(sql "$db" "SELECT * FROM rectification WHERE unit='D02'")" "$row" "back as it was"
id=$(rect id)
expect_eq "$(sql "$db" "SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE tbl='rectification' AND row_key='$id' ORDER BY rowid)")" \
  "insert,update,update,update,delete,insert" "audit: add, edit, close, reopen, delete, undo"
keys '?'; wait_for "重新打开已完成的整改"; keys Escape
keys Escape; wait_for "菜单"

# z on D03's finding: 年度业务目标 is never cut to 年度业务; the cut falls at the comma.
keys 4; wait_for "选择单位"; keys /; wait_for "查找"; type_text D03; keys Enter; wait_for "找到: D03"
keys Enter; wait_for "年度加减分台账"
keys /; wait_for "查找"; type_text 会议纪要; keys Enter; wait_for "找到"
keys z; wait_for "登记整改"
wait_for "查访核验发现: 会议纪要未按规定归档, 请整改"
screen | grep -q "年度业务" && fail "a word cut in the prefilled text"
keys Escape; keys Q; wait_for "EXIT=0"
finish
