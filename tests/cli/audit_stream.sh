# `kaoping audit --limit 0` prints the rows as it reads them (db/audit.h store_audit_each): a
# province's whole log (1.3 M rows at 8,000 units, 740 MB when they were held) is listed in
# the memory of a few rows. 100,000 rows written straight into the log (one header, as another
# program could; the listing shows them, verify would call them unsealed) must not raise the
# peak memory above that of listing ten of them by 16 MB (held, they took 54 MB more; streamed
# 1-2 MB, 7 MB under ASan's allocator).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
db="$work/x.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
K demo >/dev/null 2>&1 || fail "demo"
sqlite3 "$db" "INSERT INTO audit_tx(id, at, operator) VALUES ('00000000000000000000000000000bad',
  '2030-01-01T00:00:00.000Z', 'bulk');
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
  INSERT INTO audit_change(tx, tbl, row_key, action, old, new) SELECT
    (SELECT n FROM audit_tx WHERE operator = 'bulk'), 'ledger', 'k' || i, 'update',
    json_object('reason', printf('%.120c', 'x'), 'i', i), json_object('reason', printf('%.120c', 'y'), 'i', i)
  FROM n" || fail "bulk rows"

# peak ARGS...: the command's max RSS in KB (ASan keeps freed blocks in a quarantine that would
# count as growth; a small one keeps the measure about live memory).
peak() {
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=1" /usr/bin/python3 -c '
import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    rc = subprocess.run(sys.argv[2:], stdout=out).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
read -r rc10 ten <<<"$(peak "$work/ten.txt" "$KAOPING_BIN" --db "$db" audit --limit 10)"
read -r rc all <<<"$(peak "$work/all.txt" "$KAOPING_BIN" --db "$db" audit --limit 0)"
[ "$rc10" = 0 ] && [ "$rc" = 0 ] || fail "audit exited $rc10 / $rc"
[ "$(grep -c $'\tbulk\tupdate\tledger\tk' "$work/all.txt")" = 100000 ] || fail "not every bulk row listed"
grep -q $'\tk100000\t' "$work/all.txt" || fail "the last bulk row is missing"
[ $((all - ten)) -lt 16384 ] || fail "audit --limit 0 of 100,000 rows: $all KB, ten rows $ten KB"
finish
