# Field work: a row deleted on one side and changed on the other is a conflict (issue 16), and
# how each side of it resolves.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_field.sh"
cd "$work" || exit 1

expect_ok K --db c.db demo
a=$(q c.db "SELECT id FROM ledger WHERE year = 2026 ORDER BY id LIMIT 1")
b=$(q c.db "SELECT id FROM ledger WHERE year = 2026 ORDER BY id LIMIT 1 OFFSET 1")
expect_ok K --db c.db field checkout l.db
# ledger_reason DB ID REASON: changes one record's 事由 through a ledger import with its 编号.
ledger_reason() {
  K --db "$1" export ledger --year 2026 | tr -d '\r' | sed -n "1p; /^\"$2\"/p" | sed "2s/,\"[^\"]*\",\"[^\"]*\",\"[^\"]*\"\$/,\"$3\",\"\",\"\"/" >"$2.csv"
  expect_ok K --db "$1" import ledger "$2.csv"
}
# Record a: deleted on the county, changed on the laptop.
delete_ledger c.db "$a"
ledger_reason l.db "$a" 笔记本改了事由
# Record b: changed on the county, deleted on the laptop.
ledger_reason c.db "$b" 县里改了事由
delete_ledger l.db "$b"
# Times are stored in UTC and shown in the operator's zone (docs/store.md "Times").
utc=$(q l.db "SELECT value FROM field_meta WHERE key = 'checkout_at'")
case "$utc" in *Z) ;; *) fail "checkout_at not stored in UTC: $utc" ;; esac
TZ=Asia/Shanghai expect_ok K --db l.db field pack -o p.kpz
expect_stdout_has "自 $(TZ=Asia/Shanghai date -d "$utc" '+%F %T +08:00') 检出以来"
TZ=Asia/Shanghai expect_ok K --db c.db field merge p.kpz
expect_stdout_has "打包于 20"
expect_stdout_has " +08:00)"
expect_stdout_has "新增 0, 更新 0, 删除 0"
expect_stdout_has "冲突 2"
[ "$(q c.db "SELECT count(*) FROM ledger WHERE id = '$a'")" = 0 ] || fail "a stays deleted"
[ "$(q c.db "SELECT reason FROM ledger WHERE id = '$b'")" = 县里改了事由 ] || fail "b keeps the county's change"
expect_ok K --db c.db field conflicts
expect_stdout_has "ledger $a  (县里删了, 笔记本改了)"
expect_stdout_has "ledger $b  (县里改了, 笔记本删了)"
ia=$(q c.db "SELECT id FROM field_conflict WHERE row_key = '$a'")
ib=$(q c.db "SELECT id FROM field_conflict WHERE row_key = '$b'")
# a: the pack has only the changed columns, so the laptop's side cannot be written back.
expect_status 3 K --db c.db field resolve "$ia" --keep laptop
expect_stderr_has "无法整行恢复"
expect_ok K --db c.db field resolve "$ia" --keep county
# b: keeping the laptop's side deletes the record.
expect_ok K --db c.db field resolve "$ib" --keep laptop
[ "$(q c.db "SELECT count(*) FROM ledger WHERE id = '$b'")" = 0 ] || fail "b deleted by --keep laptop"
expect_ok K --db c.db field conflicts
expect_stdout_has "没有未处理的冲突"
expect_ok K --db c.db check
finish
