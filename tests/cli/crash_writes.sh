# Crash campaign over the writes of schema v13 (docs/store.md, "Guarantees and how they are
# tested"): SIGKILL at random moments of a bulk import past its 2,048-row audit seal, a field
# merge (laptop headers sealed at COMMIT), `year new` and `publish`. After every kill the file
# passes PRAGMA integrity_check, `check` and `audit --verify`; it holds exactly the state
# before (.dump byte for byte) or the state after (the same rows as an unkilled run: ids and
# times aside, every table's row count); no file but the database's own is left; and from the
# state before the same command runs to the state after. KILLS kills of each (4 in the normal
# run, a few seconds each); SEED repeats a run; bench/crash_campaign.sh N runs it long.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_writes.sh"
K=$KAOPING_BIN
kills=${KILLS:-4}
seed=${SEED:-$$}
RANDOM=$seed
now_ms() { echo $(($(date +%s%N) / 1000000)); }
sleep_ms() { sleep "$(($1 / 1000)).$(printf %03d $(($1 % 1000)))"; }

# exact DB: every row. same DB: the rows an unkilled run would write too (ids and times of
# audit headers, publications and carried rectifications are new each run), and how many rows
# every table holds.
exact() { sqlite3 "$1" .dump | md5sum | cut -c1-32; }
same() {
  local tables
  tables=$(sqlite3 "$1" "SELECT group_concat('SELECT ''' || name || ''', count(*) FROM \"' ||
    name || '\"', ' UNION ALL ') FROM sqlite_schema WHERE type = 'table'")
  { sqlite3 "$1" "$tables"
    sqlite3 "$1" .dump | grep -v -e '^INSERT INTO "\?\(audit\|publication\|rectification\|field_\)'
  } | md5sum | cut -c1-32
}
sound() {
  [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || { fail "$2: integrity_check"; return 1; }
  "$K" --db "$1" check >"$work/check.out" 2>&1 ||
    { fail "$2: kaoping check: $(grep 错误 "$work/check.out" | head -3)"; return 1; }
  "$K" --db "$1" audit --verify >"$work/verify.out" 2>&1 ||
    { fail "$2: audit --verify: $(head -3 "$work/verify.out")"; return 1; }
}

# The base, a big progress file, a laptop's pack, renamed units (lib_writes.sh).
base="$work/base.db"
make_write_base
before=$(exact "$base")
echo "crash campaign of v13 writes: seed $seed, $kills kills each"

# campaign NAME CMD...: KILLS kills of CMD on copies of the base.
campaign() {
  local name=$1; shift
  local d="$work/run" ref="$work/ref"
  rm -rf "$ref" && mkdir "$ref" && cp "$base" "$ref/x.db"
  local t0 span after
  t0=$(now_ms)
  expect_ok "$K" --db "$ref/x.db" "$@"
  span=$(($(now_ms) - t0))
  after=$(same "$ref/x.db")
  [ "$(exact "$ref/x.db")" != "$before" ] || fail "$name changes nothing: the campaign proves nothing"
  local i n_before=0 n_after=0 n_done=0 pid status
  for i in $(seq "$kills"); do
    rm -rf "$d" && mkdir "$d" && cp "$base" "$d/x.db"
    "$K" --db "$d/x.db" "$@" >/dev/null 2>&1 &
    pid=$!
    sleep_ms $((RANDOM % (span + 1)))
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    status=$?
    [ "$status" -ne 0 ] || n_done=$((n_done + 1))
    sound "$d/x.db" "$name kill $i" || continue
    extra=$(ls -A "$d" | grep -vxE 'x\.db(-wal|-shm)?')
    [ -z "$extra" ] || fail "$name kill $i: leftovers: $(echo $extra)"
    if [ "$(exact "$d/x.db")" = "$before" ]; then
      n_before=$((n_before + 1))
      # Killed before its commit: the same command runs again, to the state after.
      expect_ok "$K" --db "$d/x.db" "$@"
      [ "$(same "$d/x.db")" = "$after" ] || fail "$name kill $i: the rerun differs from an unkilled run"
    elif [ "$(same "$d/x.db")" = "$after" ]; then
      n_after=$((n_after + 1))
    else
      fail "$name kill $i: neither before nor after"
    fi
  done
  echo "$name ($span ms): $n_before before, $n_after after ($n_done had finished)"
}

campaign "import progress" import progress "$work/big.csv"
campaign "field merge" --operator 王五 field merge "$work/lap.kpz"
campaign "year new" year new 2028 --from 2027 --with-targets --carry-rectifications
campaign publish publish --year 2026 --stage half
finish
