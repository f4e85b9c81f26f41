# A merge killed with SIGKILL at random moments leaves the county file as it was and passing
# `kaoping check` (issue 16): the merge is one transaction, SQLite's WAL drops it unfinished.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_field.sh"
cd "$work" || exit 1
# 20 kills in the normal build. A sanitizer build runs each merge ten times slower and adds
# nothing to what a kill tests (SQLite's rollback of an unfinished transaction), so it kills
# 5 times, within the test's time limit.
build=$(dirname "$KAOPING_BIN")
want=20 rows=3000
grep -q '^KAOPING_SANITIZE:[A-Z]*=ON' "$build/CMakeCache.txt" 2>/dev/null && want=5 rows=1000

expect_ok K --db c.db demo
expect_ok K --db c.db field checkout l.db
# A pack large enough that a merge takes a while: 3,000 inspections and their audit rows
# (1,000 in a sanitizer build).
awk -v rows=$rows 'BEGIN { print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
             for (i = 1; i <= rows; i++)
               printf "2026,D0%d,2026-%02d-%02d,查访核验,0.5,作风建设,暗访,第 %d 次查访,张三\n",
                      i % 5 + 1, i % 12 + 1, i % 28 + 1, i }' >big.csv
expect_ok K --db l.db import ledger big.csv
expect_ok K --db l.db field pack -o big.kpz
sqlite3 c.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp c.db c0.db
full_dump c.db >c0.sql
ledger0=$(q c.db "SELECT count(*) FROM ledger")

# How long one whole merge takes here, so the kills fall inside it.
start=$(date +%s%N)
expect_ok K --db c0.db field merge big.kpz
expect_stdout_has "新增 $rows"
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -f c0.db-wal c0.db-shm; cp c.db c0.db

kills=0 finished=0
for _ in $(seq 1 60); do
  [ "$kills" -ge "$want" ] && break
  "$KAOPING_BIN" --db c.db field merge big.kpz >/dev/null 2>&1 &
  pid=$!
  delay=$(( RANDOM % took_ms ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  if [ "$status" -ne 137 ]; then
    # It finished before the kill: start again from the county file as it was.
    finished=$((finished + 1))
    rm -f c.db-wal c.db-shm; cp c0.db c.db
    continue
  fi
  full_dump c.db >now.sql
  if ! cmp -s c0.sql now.sql; then
    # Killed after its COMMIT (while printing or closing): then the whole pack is in, and
    # merging it again finds nothing new. Anything between is a failure.
    expect_ok K --db c.db field merge big.kpz
    expect_stdout_has "没有新内容"
    [ "$(q c.db "SELECT count(*) FROM ledger")" = $((ledger0 + rows)) ] ||
      fail "county file half merged after a kill at ${delay} ms"
    finished=$((finished + 1))
    rm -f c.db-wal c.db-shm; cp c0.db c.db
    continue
  fi
  kills=$((kills + 1))
  expect_ok K --db c.db check
done
[ "$kills" -ge "$want" ] || fail "only $kills merges were killed midway ($finished finished or committed first; a merge takes ${took_ms} ms)"
# The county file still takes the whole pack afterwards.
expect_ok K --db c.db field merge big.kpz
expect_stdout_has "新增 $rows"
echo "killed $kills merges at random points (a merge takes ${took_ms} ms, $finished finished first)"
finish
