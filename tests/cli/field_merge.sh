# Field work end to end (issue 16): three laptops checked out of one county file, changes on
# two of them and on the county file, merged in all six orders; conflicts, resolution both
# ways, repeated merges.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_field.sh"
cd "$work" || exit 1

expect_ok K --db c.db demo
rect=$(K --db c.db rectify add --year 2026 --unit D01 --deadline 2026-12-31 --text 整改材料归档 | awk '{print $2}')
[ ${#rect} -ge 6 ] || fail "rectify add printed no id: $rect"
gone=$(q c.db "SELECT id FROM ledger WHERE year = 2026 ORDER BY id LIMIT 1")
ledger0=$(q c.db "SELECT count(*) FROM ledger")
for n in 1 2 3; do expect_ok K --db c.db field checkout l$n.db --label "第${n}检查组"; done
expect_stdout_has "已检出到 l3.db (第3检查组)"
expect_status 2 K --db c.db field checkout l3.db
expect_stderr_has "l3.db"

P="2026,D01,A11"
pq() { q "$1" "SELECT actual FROM progress WHERE year = 2026 AND unit = 'D01' AND item = 'A11' AND quarter = $2"; }
before_q1=$(pq c.db 1)
# The county office edits Q1 to 2.2 and Q2 to 3.3 after checkout.
printf '年度,单位编码,指标编码,季度,累计完成值\n%s,1,2.2\n%s,2,3.3\n' "$P" "$P" >c_prog.csv
expect_ok K --db c.db --operator 局里 import progress c_prog.csv
# ... and Q3's spending, while laptop 2 corrects Q3's value: other columns, both kept.
q3_actual=$(q c.db "SELECT actual FROM progress WHERE year = 2026 AND unit = 'D01' AND item = 'A11' AND quarter = 3")
printf '年度,单位编码,指标编码,季度,累计完成值,累计支出\n%s,3,%s,333\n' "$P" "$q3_actual" >c_q3.csv
expect_ok K --db c.db --operator 局里 import progress c_q3.csv
# Laptop 1: the same Q2 value (no conflict), a different Q1 (a conflict), an inspection.
printf '年度,单位编码,指标编码,季度,累计完成值\n%s,1,2.9\n%s,2,3.3\n' "$P" "$P" >l1_prog.csv
printf '年度,单位编码,日期,类型,分值,方面,方式,事由,核验人\n2026,D01,2026-10-12,查访核验,0.5,作风建设,暗访,第一组查访,张三\n' >l1_led.csv
expect_ok K --db l1.db --operator 张三 import progress l1_prog.csv
expect_ok K --db l1.db --operator 张三 import ledger l1_led.csv
# Laptop 2: an inspection and the rectification closed.
printf '年度,单位编码,日期,类型,分值,方面,方式,事由,核验人\n2026,T01,2026-10-13,查访核验,0.3,政务公开,明察,第二组查访,李四\n' >l2_led.csv
expect_ok K --db l2.db --operator 李四 import ledger l2_led.csv
printf '年度,单位编码,指标编码,季度,累计完成值\n%s,3,12.5\n' "$P" >l2_q3.csv
expect_ok K --db l2.db --operator 李四 import progress l2_q3.csv
expect_ok K --db l2.db --operator 李四 rectify done "$rect" --note 已归档 --today 2026-10-14
# Laptop 3: a ledger record deleted.
delete_ledger l3.db "$gone"
for n in 1 2 3; do expect_ok K --db l$n.db field pack -o p$n.kpz; done
expect_status 2 K --db l1.db field pack -o p1.kpz   # exists: refused without --force
head -1 p1.kpz | grep -qx 'KAOPING-FIELD-PACK' || fail "pack magic"
grep -aqx 'operators: 张三' p1.kpz || fail "pack names the laptop's operator"
grep -aqx 'label: 第1检查组' p1.kpz || fail "pack names the label"

# Every order of the three packs gives the same county data.
sqlite3 c.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
first=""
for order in 123 132 213 231 312 321; do
  cp c.db o$order.db
  for n in $(echo $order | fold -w1); do
    expect_ok K --db o$order.db --operator 王五 field merge p$n.kpz
    case $n in
      1) expect_stdout_has "新增 1, 更新 0, 删除 0"; expect_stdout_has "审计记录 3"
         expect_stdout_has "县里已有 1"; expect_stdout_has "冲突 1" ;;
      2) expect_stdout_has "新增 1, 更新 2, 删除 0"; expect_stdout_has "冲突 0" ;;
      3) expect_stdout_has "新增 0, 更新 0, 删除 1"; expect_stdout_has "冲突 0" ;;
    esac
  done
  domain_dump o$order.db >o$order.sql
  # The laptops' audit transactions come in by their ids, each once, under the county's
  # chain (docs/store.md): in any order the same rows as the readers see them, and a clean
  # verify.
  q o$order.db "SELECT id, at, operator, tbl, row_key, action, old, new FROM audit
    WHERE id IN (SELECT id FROM audit WHERE tbl <> 'field_merge' AND operator <> '王五')
    ORDER BY id, at, tbl, row_key" >o$order.audit
  [ -n "$first" ] && expect_same "${first%.sql}.audit" o$order.audit
  expect_ok K --db o$order.db audit --verify
  [ "$(q o$order.db "SELECT count(*) FROM audit_tx")" = "$(q o$order.db "SELECT count(DISTINCT id) FROM audit_tx")" ] || fail "audit header ids repeat ($order)"
  [ -n "$first" ] && expect_same "$first" o$order.sql
  [ -n "$first" ] || first=o$order.sql
done
m=o123.db
[ "$(q $m "SELECT count(*) FROM ledger")" = $((ledger0 + 2 - 1)) ] || fail "ledger count"
[ "$(q $m "SELECT count(*) FROM ledger WHERE id = '$gone'")" = 0 ] || fail "deleted record still there"
[ "$(q $m "SELECT count(*) FROM ledger WHERE reason IN ('第一组查访', '第二组查访')")" = 2 ] || fail "new inspections"
[ "$(pq $m 1)" = 2.2 ] || fail "the county's Q1 must stay until resolved: $(pq $m 1)"
[ "$(pq $m 2)" = 3.3 ] || fail "Q2"
[ "$(q $m "SELECT actual || ' ' || spent FROM progress WHERE year = 2026 AND unit = 'D01' AND item = 'A11' AND quarter = 3")" = "12.5 333.0" ] || fail "Q3: both sides' columns kept"
[ "$(q $m "SELECT status FROM rectification WHERE id LIKE '$rect%'")" = done ] || fail "rectification closed on the laptop"
[ "$(q $m "SELECT count(*) FROM field_conflict WHERE status = 'open'")" = 1 ] || fail "one open conflict"
# The laptop's operators stay in the audit rows the packs bring; the merge is audited.
[ "$(q $m "SELECT count(*) FROM audit WHERE operator = '张三' AND tbl = 'ledger'")" = 1 ] || fail "张三's audit row"
[ "$(q $m "SELECT count(*) FROM audit WHERE operator = '李四' AND tbl = 'rectification'")" = 1 ] || fail "李四's audit row"
[ "$(q $m "SELECT count(*) FROM audit WHERE operator = '王五' AND tbl = 'field_merge'")" = 3 ] || fail "merges audited"
q $m "SELECT new FROM audit WHERE tbl = 'field_merge'" | grep -q "\"pack\":\"$(sed -n 's/^sha256: //p' p1.kpz)\"" || fail "merge names its pack"

expect_ok K --db $m field conflicts
expect_stdout_has "第1检查组  progress 2026/D01/A11/1"
expect_stdout_has "检出时: {\"actual\": $before_q1}"
expect_stdout_has "县里:   {\"actual\": 2.2}"
expect_stdout_has "笔记本: {\"actual\": 2.9}"

# Merging again, in any order, and a fresh pack of the same laptop, change nothing.
full_dump $m >again0.sql
expect_ok K --db l1.db field pack --force -o p1b.kpz
for p in p3 p1 p2 p1b; do
  expect_ok K --db $m field merge $p.kpz
  expect_stdout_has "没有新内容"
done
full_dump $m >again1.sql
expect_same again0.sql again1.sql

# Resolution, both ways.
id=$(q $m "SELECT id FROM field_conflict")
cp o123.db keep_laptop.db; cp o123.db keep_county.db
expect_ok K --db keep_laptop.db --operator 王五 field resolve "$id" --keep laptop
[ "$(pq keep_laptop.db 1)" = 2.9 ] || fail "keep laptop"
expect_ok K --db keep_county.db field resolve "$id" --keep county
[ "$(pq keep_county.db 1)" = 2.2 ] || fail "keep county"
expect_status 3 K --db keep_county.db field resolve "$id" --keep laptop
expect_stderr_has "已经处理过"
expect_ok K --db keep_laptop.db field conflicts
expect_stdout_has "没有未处理的冲突"
[ "$(q keep_laptop.db "SELECT count(*) FROM audit WHERE tbl = 'field_conflict' AND operator = '王五'")" = 1 ] || fail "resolution audited"
# A resolved conflict is not raised again by the same pack.
expect_ok K --db keep_county.db field merge p1.kpz
expect_stdout_has "没有新内容"
expect_ok K --db keep_laptop.db field merge p1.kpz
expect_stdout_has "没有新内容"
expect_ok K --db keep_laptop.db check
finish
