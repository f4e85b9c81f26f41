# 会议模式 on the demo county: read-only full screen, one pool per page (县直部门's 30 units on
# three pages at 80x24), unit codes before the names, Space/PgDn forward through all four
# pools, PgUp/b back, Tab/Shift-Tab and 1-4 jump to a pool, `/` finds a unit by code or by a
# Chinese part of its name and turns to its page, q leaves; the editing keys of the other
# screens do nothing here and the database is unchanged (audit log and a full dump compared
# before and after).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
audit_before=$(LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" audit --limit 0 | wc -l)
dump_before=$(sqlite3 "$db" .dump | md5sum)
t01=$(LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv | tr -d '"\r' | grep ',T01,' | cut -d, -f1,13,14 | tr , ' ')
set -- $t01

start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
keys m; wait_for "2025 年度考评结果  乡镇"; wait_for "第 1/4 组  第 1/1 页"
screen | grep -Eq "^ +$1  T01 奇台镇 +#+ +$2  $3" || fail "T01 line (rank $1, total $2, grade $3)"
screen | grep -q "考评工作站" && fail "title bar shown in meeting mode"
screen | grep -Eq "七户乡 +#+ +81.66  不合格 否决" || fail "veto mark on T07"

# Keys that edit, save, switch screens or years elsewhere: all ignored here.
for k in a d e i n p u r s g 5 '[' ']' '?' Enter BSpace DC IC F2 F5 C-s C-u; do
  keys "$k"
done
type_text 改
keys Space; wait_for "第 2/4 组  第 1/3 页"
screen | grep -q "乡镇" && fail "ignored keys changed the page or screen"
keys PgDn; wait_for "第 2/4 组  第 2/3 页"; wait_for "县教育局"
screen | grep -Eq "^ +17  D02 县教育局 +#+ +89.31  良好" || fail "D02 line on page 2"
keys Space; wait_for "第 2/4 组  第 3/3 页"
keys Space; wait_for "驻县单位"; wait_for "第 3/4 组  第 1/1 页"
keys Space; wait_for "金融机构"; wait_for "第 4/4 组  第 1/1 页"; wait_for "最后一页"
keys Space; wait_for "第 4/4 组  第 1/1 页"
keys PgUp; wait_for "第 3/4 组  第 1/1 页"
keys b; wait_for "第 2/4 组  第 3/3 页"
# A bigger screen holds more units a page; too small shows the notice; back at 80x24 the
# page starts on a page boundary again.
resize 100 40; wait_for "第 2/4 组  第 2/2 页"
resize 60 20; wait_for "终端太小"
resize 80 24; wait_for "第 2/4 组  第 2/3 页"
# Pool jumps.
keys 3; wait_for "第 3/4 组  第 1/1 页"
keys Tab; wait_for "第 4/4 组  第 1/1 页"
keys Tab; wait_for "第 1/4 组  第 1/1 页"
keys BTab; wait_for "第 4/4 组  第 1/1 页"
keys 1; wait_for "第 1/4 组  第 1/1 页"
# Search: by code, then by a Chinese part of a name on another pool's second page.
keys /; wait_for "查找单位"; type_text T07; keys Enter; wait_for "找到: T07 七户乡"
wait_for "第 1/4 组  第 1/1 页"
keys /; wait_for "查找单位"; keys BSpace BSpace BSpace; type_text 教育; keys Enter
wait_for "找到: D02 县教育局"; wait_for "第 2/4 组  第 2/3 页"
screen | grep -Eq "^ +17  D02 县教育局 +#+" || fail "D02 on the page shown"
screen | tail -1 | grep -q "找到: D02 县教育局 (n 下一个)   / 查找  q/Esc 退出" || fail "footer after a search"
keys /; wait_for "查找单位"; keys BSpace BSpace; type_text 不存在的单位; keys Enter
wait_for "没有找到: 不存在的单位"; wait_for "第 2/4 组  第 2/3 页"
keys q; wait_for "菜单"
keys m; wait_for "第 1/4 组"; keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"

expect_eq "$(LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" audit --limit 0 | wc -l)" "$audit_before" "audit lines"
expect_eq "$(sqlite3 "$db" .dump | md5sum)" "$dump_before" "database dump"
finish
