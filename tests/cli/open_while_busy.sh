# Opening the database while another program holds its write lock: reading commands must get
# in, also when that program is the one that just migrated the file. The other program is a
# sqlite3 shell fed through a pipe, so the test decides exactly when it locks and commits.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K="$KAOPING_BIN"
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The current schema, as kaoping creates it (import creates a missing database; check does not).
printf '单位编码,单位名称,分组\nX01,测试单位,县直部门\n' >"$work/u.csv"
expect_ok "$K" --db "$work/template.db" import units "$work/u.csv"
version=$(sqlite3 "$work/template.db" 'PRAGMA user_version')
sqlite3 "$work/template.db" .schema >"$work/schema.sql"
# The audit triggers name the shapes of their tables' columns (docs/store.md): the other
# program's copy of the schema carries those rows too.
sqlite3 "$work/template.db" ".dump audit_shape" | grep '^INSERT' >>"$work/schema.sql"

# start_holder DB: a sqlite3 shell on DB reading commands from fd 3.
start_holder() {
  mkfifo "$work/holder.in"
  sqlite3 "$1" <"$work/holder.in" >"$work/holder.out" 2>&1 &
  holder=$!
  exec 3>"$work/holder.in"
}
stop_holder() {
  echo "ROLLBACK;" >&3
  exec 3>&-
  wait "$holder"
  rm -f "$work/holder.in"
}

# 1. An up-to-date database under a long write transaction: check reads the committed state at
#    once (no waiting for the writer, no "database is locked").
db="$work/busy.db"
expect_ok "$K" --db "$db" import units "$work/u.csv"
start_holder "$db"
echo "BEGIN IMMEDIATE; CREATE TABLE scratch(x); INSERT INTO scratch VALUES (1);" >&3
sleep 0.3
t0=$(now_ms)
expect_ok "$K" --db "$db" check
waited=$(($(now_ms) - t0))
[ "$waited" -lt 2000 ] || fail "check waited $waited ms for another program's write transaction"
stop_holder

# 2. kaoping finds a new file at version 0 and waits for the lock to migrate it; meanwhile the
#    other program migrates it itself and goes straight on writing. kaoping must notice the
#    file is migrated instead of failing with "database is locked".
db="$work/race.db"
sqlite3 "$db" "PRAGMA journal_mode = WAL; CREATE TABLE scratch(x);" >/dev/null
start_holder "$db"
echo "BEGIN IMMEDIATE; INSERT INTO scratch VALUES (1);" >&3
sleep 0.3
"$K" --db "$db" check >"$last_out" 2>"$last_err" &
reader=$!
sleep 1 # it has read user_version 0 and waits for the write lock
{ cat "$work/schema.sql"; echo "PRAGMA user_version = $version; COMMIT;"
  echo "BEGIN IMMEDIATE; INSERT INTO scratch VALUES (2);"; } >&3
wait "$reader"
status=$?
[ "$status" -eq 0 ] || fail "check during another program's migration exited $status"
expect_stdout_has "结果: 0 个错误"
stop_holder
[ ! -s "$work/holder.out" ] || fail "the sqlite3 holder reported: $(cat "$work/holder.out")"
finish
