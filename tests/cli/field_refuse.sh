# Field work: what a merge refuses, each with a message and nothing written (issue 16):
# a pack of another county file, a truncated or altered pack, a newer format or schema, a
# file that is not a pack, a merge into a laptop file, changes to a locked year.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_field.sh"
cd "$work" || exit 1

expect_ok K --db c.db demo
expect_ok K --db c.db field checkout l.db --label 第一组
printf '年度,单位编码,日期,类型,分值,方面,方式,事由,核验人\n2026,D01,2026-10-12,查访核验,0.5,作风建设,暗访,查访,张三\n' >led.csv
printf '单位编码,单位名称,分组,负责人\nD01,%s,县直部门,新负责人\n' "$(q c.db "SELECT name FROM unit WHERE code = 'D01'")" >units.csv
expect_ok K --db l.db --operator 张三 import ledger led.csv
expect_ok K --db l.db --operator 张三 import units units.csv
expect_ok K --db l.db field pack -o p.kpz
sqlite3 c.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# refuse CODE MESSAGE DB PACK [OPTIONS]: the merge fails saying MESSAGE and DB is unchanged.
refuse() {
  local code=$1 msg=$2 db=$3; shift 3
  full_dump "$db" >before.sql
  expect_status "$code" K --db "$db" field merge "$@"
  expect_stderr_has "$msg"
  full_dump "$db" >after.sql
  expect_same before.sql after.sql
}

# Another county file (its own id) refuses the pack.
expect_ok K --db other.db demo
refuse 3 "不是从本数据库" other.db p.kpz
# A laptop file is not where packs go.
refuse 3 "是外业笔记本文件" l.db p.kpz
expect_status 3 K --db l.db field checkout l2.db
expect_stderr_has "是外业笔记本文件"
[ ! -e l2.db ] || fail "a checkout out of a laptop file left a file"
# Packing on the county file is refused.
expect_status 3 K --db c.db field pack -o x.kpz
expect_stderr_has "不是外业笔记本文件"
# Not a pack.
refuse 3 "不是 kaoping 外业包" c.db led.csv
# Truncated: the header's length does not match.
size=$(stat -c %s p.kpz)
head -c $((size - 7)) p.kpz >cut.kpz
refuse 3 "外业包不完整" c.db cut.kpz
head -c 60 p.kpz >cuthead.kpz
refuse 3 "文件头不完整" c.db cuthead.kpz
# Altered: one byte of the payload flipped, same length.
cp p.kpz bad.kpz
printf '\377' | dd of=bad.kpz bs=1 seek=$((size - 20)) conv=notrunc 2>/dev/null
refuse 3 "校验和 (SHA-256) 不符" c.db bad.kpz
# The label altered in the header.
sed 's/^label: 第一组$/label: 第二组/' p.kpz >relabel.kpz
refuse 3 "校验和 (SHA-256) 不符" c.db relabel.kpz
# A newer format.
sed 's/^format: 1$/format: 2/' p.kpz >newer.kpz
refuse 3 "外业包格式版本 2" c.db newer.kpz
# A newer schema, with a checksum that matches (made by someone who knew the format).
/usr/bin/python3 - p.kpz schema.kpz <<'PY'
import hashlib, sys
data = open(sys.argv[1], 'rb').read()
head, payload = data.split(b'\n\n', 1)
lines = [l for l in head.split(b'\n') if not l.startswith(b'sha256: ')]
lines = [b'schema: 99' if l.startswith(b'schema: ') else l for l in lines]
body = b'\n'.join(lines) + b'\n'
sum_ = hashlib.sha256(body + payload).hexdigest().encode()
open(sys.argv[2], 'wb').write(body + b'sha256: ' + sum_ + b'\n\n' + payload)
PY
refuse 3 "结构版本为 99" c.db schema.kpz

# A year locked on the county file: the pack is refused and its changes listed ...
expect_ok K --db c.db lock --year 2026
full_dump c.db >locked0.sql
refuse 3 "已审定 (锁定) 的年度" c.db p.kpz
expect_stderr_has "ledger $(q l.db "SELECT id FROM ledger WHERE reason = '查访'")"
# ... or, with --skip-locked, the rest merges (the unit's new leader) and the rest is listed.
expect_ok K --db c.db field merge --skip-locked p.kpz
expect_stdout_has "新增 0, 更新 1, 删除 0"
expect_stdout_has "跳过已审定年度的修改 1"
[ "$(q c.db "SELECT leader FROM unit WHERE code = 'D01'")" = 新负责人 ] || fail "unit change merged"
[ "$(q c.db "SELECT count(*) FROM ledger WHERE reason = '查访'")" = 0 ] || fail "locked-year ledger row merged"
expect_ok K --db c.db check
finish
