# An import killed with SIGKILL in the middle of writing leaves the database intact and
# without a single row of the file (one transaction; SQLite's WAL drops the unfinished one).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/kill.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
printf '单位编码,单位名称,分组\nU01,单位一,县直部门\nU02,单位二,乡镇\n' >"$work/units.csv"
expect_ok K import units "$work/units.csv"
# 200k distinct ledger records (no 编号: each gets its content id).
awk 'BEGIN { print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
             for (i = 1; i <= 200000; i++)
               printf "2025,U0%d,2025-%02d-%02d,查访核验,0.5,作风建设,暗访,第 %d 次查访,张三\n",
                      i % 2 + 1, i % 12 + 1, i % 28 + 1, i }' >"$work/big.csv"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null || fail "checkpoint"
before=$(sqlite3 "$db" "SELECT count(*) FROM audit")

"$KAOPING_BIN" --db "$db" import ledger "$work/big.csv" >"$work/kill.out" 2>&1 &
pid=$!
# Writing has begun once the open transaction spills pages into the WAL file.
began=no
for _ in $(seq 1 2400); do
  size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  if [ "$size" -gt 1048576 ]; then began=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid"
status=$?
[ "$began" = yes ] || fail "the import never started writing (WAL stayed small)"
[ "$status" -eq 137 ] || fail "import was not killed midway (exit $status): $(cat "$work/kill.out")"

[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check after kill"
[ "$(sqlite3 "$db" "SELECT count(*) FROM ledger")" = 0 ] || fail "rows of the killed import are present"
[ "$(sqlite3 "$db" "SELECT count(*) FROM year")" = 0 ] || fail "the year created by the killed import is present"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" = "$before" ] || fail "audit rows of the killed import are present"
# The database is still usable.
head -3 "$work/big.csv" >"$work/small.csv"
expect_ok K import ledger "$work/small.csv"
expect_stdout_has "新增 2"
finish
