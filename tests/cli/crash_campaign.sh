# Crash campaign (docs/store.md, "How it is tested"): SIGKILL `import` and `backup` at random
# moments and check after every kill that the database passes PRAGMA integrity_check and
# `kaoping check` (audit chain and triggers included), holds exactly the state before or after
# the write (all or nothing), and that no temp file is left behind. KILLS kills of each (20 in
# the normal run, under a minute); SEED repeats a run. bench/crash_campaign.sh N runs it long.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K=$KAOPING_BIN
kills=${KILLS:-20}
seed=${SEED:-$$}
RANDOM=$seed
now_ms() { echo $(($(date +%s%N) / 1000000)); }
sleep_ms() { sleep "$(($1 / 1000)).$(printf %03d $(($1 % 1000)))"; }
digest() { sqlite3 "$1" "SELECT * FROM progress ORDER BY year, unit, item, quarter" | md5sum | cut -c1-32; }
audit_rows() { sqlite3 "$1" "SELECT count(*) FROM audit"; }
# sound DB: integrity_check says ok and kaoping check finds no error (chain included).
sound() {
  [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || { fail "$2: integrity_check"; return 1; }
  "$K" --db "$1" check >"$work/check.out" 2>&1 || { fail "$2: kaoping check: $(grep 错误 "$work/check.out" | head -3)"; return 1; }
}
# only DIR NAME...: DIR holds nothing but these names (no temp file, no stray journal);
# the database's own -wal and -shm may be there or not.
only() {
  local dir=$1; shift
  local extra
  extra=$(ls -A "$dir" | grep -vxF -e "$(printf '%s\n' "$@")" | grep -vE '\.db-(wal|shm)$')
  [ -z "$extra" ] || fail "leftovers in $dir: $(echo $extra)"
}

# The base: the demo, one file; the write: an import updating every 2026 progress row.
base="$work/base.db"
expect_ok "$K" --db "$base" demo
expect_ok "$K" --db "$base" export progress -o "$work/p.csv"
awk -F'","' -v OFS='","' 'NR > 1 { $6 = $6 + 1 } 1' "$work/p.csv" >"$work/changed.csv"
sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
before=$(digest "$base")
before_audit=$(audit_rows "$base")

# A reference run gives the state after and the time the write takes.
mkdir "$work/ref"
cp "$base" "$work/ref/x.db"
t0=$(now_ms)
expect_ok "$K" --db "$work/ref/x.db" import progress "$work/changed.csv"
span=$(($(now_ms) - t0))
after=$(digest "$work/ref/x.db")
after_audit=$(audit_rows "$work/ref/x.db")
[ "$before" != "$after" ] || fail "the import changes nothing: the campaign would prove nothing"
echo "crash campaign: seed $seed, $kills kills each; import takes $span ms"

# ---- import ---------------------------------------------------------------------------------
n_before=0 n_after=0 n_done=0
for i in $(seq "$kills"); do
  d="$work/imp"
  rm -rf "$d" && mkdir "$d" && cp "$base" "$d/x.db"
  "$K" --db "$d/x.db" import progress "$work/changed.csv" >/dev/null 2>&1 &
  pid=$!
  sleep_ms $((RANDOM % (span * 12 / 10 + 1)))
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  status=$?
  sound "$d/x.db" "import kill $i" || continue
  state=$(digest "$d/x.db") rows=$(audit_rows "$d/x.db")
  if [ "$state" = "$before" ] && [ "$rows" = "$before_audit" ]; then
    n_before=$((n_before + 1))
  elif [ "$state" = "$after" ] && [ "$rows" = "$after_audit" ]; then
    n_after=$((n_after + 1))
  else
    fail "import kill $i: neither before nor after (progress $state, audit rows $rows)"
  fi
  [ "$status" -ne 0 ] || n_done=$((n_done + 1))
  only "$d" x.db
done
echo "import: $n_before before, $n_after after (of which $n_done finished before the kill)"

# ---- backup ---------------------------------------------------------------------------------
src="$work/ref/x.db"
t0=$(now_ms)
expect_ok "$K" --db "$src" backup "$work/ref/copy.db"
bspan=$(($(now_ms) - t0))
rm -f "$work/ref/copy.db"
b_none=0 b_whole=0 b_left=0
for i in $(seq "$kills"); do
  d="$work/bak"
  rm -rf "$d" && mkdir "$d"
  "$K" --db "$src" backup "$d/copy.db" >/dev/null 2>&1 &
  pid=$!
  sleep_ms $((RANDOM % (bspan * 12 / 10 + 1)))
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -e "$d/copy.db" ]; then
    # A backup that exists is whole: never a half-written file under the real name.
    sound "$d/copy.db" "backup kill $i: the copy" &&
      { [ "$(digest "$d/copy.db")" = "$after" ] || fail "backup kill $i: the copy differs"; }
    b_whole=$((b_whole + 1))
  else
    b_none=$((b_none + 1))
  fi
  # The next backup to the same name succeeds and clears what the killed one left (the safe
  # file writer's promise, docs/store.md "Files kaoping writes"; checked once it is in).
  expect_ok "$K" --db "$src" backup --force "$d/copy.db"
  if [ -e "$KAOPING_SRC/src/io/outfile.c" ]; then
    only "$d" copy.db
  else
    b_left=$((b_left + $(ls -A "$d" | grep -c '\.tmp-')))
  fi
done
sound "$src" "the source after $kills backup kills"
only "$work/ref" x.db
echo "backup: $b_none no copy, $b_whole whole copy"
[ -e "$KAOPING_SRC/src/io/outfile.c" ] ||
  echo "backup: $b_left temp files left by killed backups (not checked: no src/io/outfile.c yet)"
finish
