# Field pack and merge stream (issue 18): a pack is written and read a chunk at a time, so a
# pack of 40 MB is made and merged under a heap cap (RLIMIT_DATA) far below it; before, the
# changeset was held whole (and copied three times while packing). A pack in the layout of the
# previous version (one section per table; now the audit rows come in sections of 4,096)
# merges the same; a pack read from standard input too.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_field.sh"
cd "$work" || exit 1

printf '单位编码,单位名称,分组\nU01,单位一,县直部门\nU02,单位二,乡镇\n' >units.csv
expect_ok K --db c.db import units units.csv
expect_ok K --db c.db field checkout l.db --label 第一组
# 10,000 records with a 1,000-byte 事由 each, entered on the laptop: the pack carries each
# twice (the row and its audit row), 20 MB.
awk 'BEGIN { pad = ""; for (i = 0; i < 980; i++) pad = pad "x";
             print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
             for (i = 1; i <= 10000; i++)
               printf "2025,U0%d,2025-%02d-%02d,查访核验,0.5,作风建设,暗访,第 %d 次查访%s,张三\n",
                      i % 2 + 1, i % 12 + 1, i % 28 + 1, i, pad }' >wide.csv
expect_ok K --db l.db --operator 张三 import ledger wide.csv

build=$(dirname "$KAOPING_BIN")
if grep -q '^KAOPING_SANITIZE:[A-Z]*=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cap=unlimited # the sanitizers' shadow memory does not fit under a heap cap
else
  cap=20480 # KB: the program, SQLite's caches and one chunk of the pack, not the pack
fi
capped() { bash -c 'ulimit -d "$1" && shift && exec "$@"' _ "$cap" "$KAOPING_BIN" "$@"; }

expect_ok capped --db l.db field pack -o p.kpz
[ "$(stat -c %s p.kpz)" -gt 20000000 ] || fail "the pack is not 20 MB"
cp c.db c0.db
expect_ok capped --db c.db field merge p.kpz
# the records, and the year with its units and pools that the import made
counts=$(grep -E '新增|审计记录' "$last_out")
echo "$counts" | grep -qE '^  新增 100[0-9][0-9], 更新 0, 删除 0$' || fail "merged: $counts"
[ "$(q c.db "SELECT count(*) FROM ledger WHERE length(reason) > 980")" = 10000 ] ||
  fail "not every record came in whole"
domain_dump l.db | grep '^INSERT INTO ledger ' >want.sql
domain_dump c.db | grep '^INSERT INTO ledger ' >got.sql
expect_same want.sql got.sql

# laptop_audit DB: the laptop's audit rows as the county keeps them (header id, time,
# operator, table, key, action, values), sorted.
laptop_audit() {
  q "$1" "SELECT t.id, t.at, t.operator, coalesce(c.tbl, (SELECT s.tbl FROM audit_shape s
          WHERE s.id = c.shape)), c.row_key, c.action, c.old, c.new, c.unit FROM audit_change c
          JOIN audit_tx t ON t.n = c.tx WHERE t.operator = '张三'" | LC_ALL=C sort
}
laptop_audit c.db >audit_new.txt
[ "$(wc -l <audit_new.txt)" = "$(q l.db "SELECT count(*) FROM audit_change c JOIN audit_tx t
                                          ON t.n = c.tx WHERE t.operator = '张三'")" ] ||
  fail "the audit rows did not all come in"

# The previous version's layout: the audit rows in one section. The payload rewritten so,
# its checksum made again; it must merge to the same county data and audit rows.
/usr/bin/python3 - p.kpz old.kpz <<'PY' >sections.txt
import hashlib, sys
data = open(sys.argv[1], 'rb').read()
head, payload = data.split(b'\n\n', 1)

def varint(b, i):
    v = 0
    while True:
        c = b[i]; i += 1
        v = (v << 7) | (c & 0x7f)
        if not c & 0x80:
            return v, i

def record(b, i, ncol):
    for _ in range(ncol):
        t = b[i]; i += 1
        if t in (1, 2):
            i += 8
        elif t in (3, 4):
            n, i = varint(b, i); i += n
    return i

out, i, ncol, current, seen, sections = bytearray(), 0, 0, None, set(), {}
while i < len(payload):
    if payload[i] == 0x54:  # 'T': a table's section starts
        start = i
        ncol, i = varint(payload, i + 1)
        i += ncol
        end = payload.index(b'\0', i)
        name = payload[i:end].decode(); i = end + 1
        sections[name] = sections.get(name, 0) + 1
        if name == current:
            continue  # the same table again: one section, as before
        assert name not in seen, name
        seen.add(name); current = name
        out += payload[start:i]
        continue
    op, start = payload[i], i
    i += 2
    i = record(payload, i, ncol)
    if op == 23:  # an update: old and new values
        i = record(payload, i, ncol)
    out += payload[start:i]
for name in sorted(sections):
    print(name, sections[name])
lines = [l for l in head.split(b'\n') if not l.startswith(b'sha256: ')]
lines = [b'payload-bytes: %d' % len(out) if l.startswith(b'payload-bytes: ') else l for l in lines]
body = b'\n'.join(lines) + b'\n'
sum_ = hashlib.sha256(body + bytes(out)).hexdigest().encode()
open(sys.argv[2], 'wb').write(body + b'sha256: ' + sum_ + b'\n\n' + bytes(out))
PY
grep -qx "audit 3" sections.txt || fail "the audit rows are not in sections of 4,096: $(cat sections.txt)"
grep -qx "ledger 1" sections.txt || fail "the ledger is not one section: $(cat sections.txt)"
cmp -s p.kpz old.kpz && fail "the rewritten pack is the same file"
cp c0.db c1.db
expect_ok capped --db c1.db field merge old.kpz
[ "$(grep -E '新增|审计记录' "$last_out")" = "$counts" ] || fail "merged otherwise: $(cat "$last_out")"
domain_dump c.db >new.sql
domain_dump c1.db >old.sql
expect_same new.sql old.sql
laptop_audit c1.db >audit_old.txt
expect_same audit_new.txt audit_old.txt

# Merged again, from standard input: nothing new, the file byte for byte as it was.
full_dump c1.db >before.sql
from_stdin() { K --db c1.db field merge - <p.kpz; }
expect_ok from_stdin
expect_stdout_has "没有新内容"
full_dump c1.db >after.sql
expect_same before.sql after.sql
finish
