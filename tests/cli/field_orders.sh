# Three laptops in every order (docs/field.md, "Conflict rules"), beyond tests/cli/field_merge.sh:
# two laptops changing the same row differently (the first merged wins, the second is a
# conflict), rows only one laptop changed (every order gives them), a laptop whose pack is
# merged twice and then again after more work, and a correction made at the office after
# checkout that no laptop may undo silently: not by re-importing its old CSV, not by changing
# the row and changing it back, and not by a different value (a conflict, the office's value
# stays). With every conflict decided the same way, all six orders give the same data; the
# audit log verifies in each.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_field.sh"
cd "$work" || exit 1

expect_ok K --db c.db demo
for n in 1 2 3; do expect_ok K --db c.db field checkout l$n.db --label "第${n}组"; done
pv() { q "$1" "SELECT actual FROM progress WHERE year = 2026 AND unit = '$2' AND item = 'A11' AND quarter = $3"; }
prog() { # prog DB OPERATOR UNIT QUARTER ACTUAL: one progress value typed in
  printf '年度,单位编码,指标编码,季度,累计完成值\n2026,%s,A11,%s,%s\n' "$3" "$4" "$5" >"p_$1.csv"
  expect_ok K --db "$1" --operator "$2" import progress "p_$1.csv"
}
# The office corrects D05's Q2 after checkout.
office_was=$(pv c.db D05 2)
prog c.db 局里 D05 2 7.7
# Laptops 1 and 2 both type D02's Q1, differently; each also changes a row of its own.
prog l1.db 张三 D02 1 5.1
prog l2.db 李四 D02 1 5.2
prog l1.db 张三 D03 1 3.1
prog l2.db 李四 D04 1 4.2
# Laptop 3 re-imports the progress it exported at checkout, with D05's Q2 as it was then and
# one row changed; then types D05's Q3 and takes it back. Neither reverts the office's work.
expect_ok K --db l3.db export progress --year 2026 -o l3_old.csv
awk -F'","' -v OFS='","' '$2 == "D06" && $3 == "A11" && $4 == "1" { $5 = "2.3" } 1' l3_old.csv >l3_new.csv
expect_ok K --db l3.db --operator 王五 import progress l3_new.csv
expect_stdout_has "更新 1"
d05q3=$(pv l3.db D05 3)
prog l3.db 王五 D05 3 9.9
prog l3.db 王五 D05 3 "$d05q3"
printf '年度,单位编码,日期,类型,分值,方面,方式,事由,核验人\n2026,T02,2026-10-15,查访核验,0.4,作风建设,暗访,第三组查访,王五\n' >l3_led.csv
expect_ok K --db l3.db --operator 王五 import ledger l3_led.csv
for n in 1 2 3; do expect_ok K --db l$n.db field pack -o p$n.kpz; done
# Laptop 1 packs again after more work: the newer pack holds everything since checkout.
prog l1.db 张三 D07 1 7.1
expect_ok K --db l1.db field pack -o p1b.kpz
sqlite3 c.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

first=""
for order in 123 132 213 231 312 321; do
  db=o$order.db
  cp c.db $db
  for n in $(echo $order | fold -w1); do
    expect_ok K --db $db --operator 赵六 field merge p$n.kpz
    # Laptop 1's pack a second time, right after: nothing new.
    if [ "$n" = 1 ]; then
      expect_ok K --db $db field merge p1.kpz
      expect_stdout_has "没有新内容"
    fi
  done
  # The first of laptops 1 and 2 merged wins D02's Q1; the other is the one open conflict.
  case $order in 1*|31*) won=5.1 lost=5.2 ;; *) won=5.2 lost=5.1 ;; esac
  [ "$(pv $db D02 1)" = "$won" ] || fail "$order: D02 Q1 is $(pv $db D02 1), the first merged typed $won"
  [ "$(q $db "SELECT count(*) FROM field_conflict WHERE status = 'open'")" = 1 ] ||
    fail "$order: open conflicts: $(q $db "SELECT row_key FROM field_conflict")"
  q $db "SELECT laptop FROM field_conflict WHERE status = 'open'" | grep -qF "$lost" ||
    fail "$order: the conflict does not hold the other laptop's $lost"
  # What only one laptop changed comes in whatever the order.
  [ "$(pv $db D03 1) $(pv $db D04 1) $(pv $db D06 1)" = "3.1 4.2 2.3" ] || fail "$order: one laptop's rows"
  [ "$(q $db "SELECT count(*) FROM ledger WHERE reason = '第三组查访'")" = 1 ] || fail "$order: inspection"
  # The office's correction stands: the old CSV and the change taken back left no change.
  [ "$(pv $db D05 2)" = 7.7 ] || fail "$order: the office's correction was reverted to $(pv $db D05 2)"
  [ "$(pv $db D05 3)" = "$d05q3" ] || fail "$order: D05 Q3"
  # The newer pack of laptop 1 brings only its new row; the older one then nothing.
  expect_ok K --db $db --operator 赵六 field merge p1b.kpz
  expect_stdout_has "新增 0, 更新 1, 删除 0"
  expect_ok K --db $db field merge p1.kpz
  expect_stdout_has "没有新内容"
  [ "$(pv $db D07 1)" = 7.1 ] || fail "$order: laptop 1's later row"
  expect_ok K --db $db audit --verify
  expect_ok K --db $db check
  # Decided for laptop 2 everywhere (keep the laptop's value where laptop 2 lost, the
  # county's where laptop 1 did), all orders hold the same data.
  id=$(q $db "SELECT id FROM field_conflict WHERE status = 'open'")
  if [ "$lost" = 5.2 ]; then keep=laptop; else keep=county; fi
  expect_ok K --db $db --operator 赵六 field resolve "$id" --keep $keep
  [ "$(pv $db D02 1)" = 5.2 ] || fail "$order: --keep $keep left $(pv $db D02 1)"
  expect_ok K --db $db audit --verify
  domain_dump $db >o$order.sql
  if [ -n "$first" ]; then expect_same "$first" o$order.sql; else first=o$order.sql; fi
done
# The office's correction and the laptop's work on other rows: nothing of the office reverted
# in any order, and its value before the correction nowhere.
[ "$office_was" != 7.7 ] || fail "the office's correction changed nothing: the test proves nothing"
finish
