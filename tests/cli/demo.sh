# kaoping demo: a complete run checks clean; a non-empty database is refused without --force
# and replaced with it; and SIGKILL at any point leaves either nothing or the whole demo.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K="$KAOPING_BIN"

empty_counts="0 0 0 0 0 0 0 0 0"
# Row counts of every domain table, one line (all 0 when a kill rolled back the migration).
counts() {
  [ "$(sqlite3 "$1" 'PRAGMA user_version')" != 0 ] || { echo "$empty_counts"; return; }
  sqlite3 "$1" "SELECT (SELECT count(*) FROM unit) || ' ' || (SELECT count(*) FROM year)
    || ' ' || (SELECT count(*) FROM scheme) || ' ' || (SELECT count(*) FROM category)
    || ' ' || (SELECT count(*) FROM target) || ' ' || (SELECT count(*) FROM progress)
    || ' ' || (SELECT count(*) FROM ledger) || ' ' || (SELECT count(*) FROM appraisal)
    || ' ' || (SELECT count(*) FROM rectification)"
}

# The demo's content without the parts that differ between runs (random ledger ids, audit
# times): two databases with the same digest hold the same demo.
digest() {
  sqlite3 "$1" "
    SELECT code, name, pool, parent, leader FROM unit ORDER BY code;
    SELECT * FROM year ORDER BY year;
    SELECT * FROM scheme ORDER BY year;
    SELECT * FROM category ORDER BY year, pool, name;
    SELECT * FROM target ORDER BY year, unit, item;
    SELECT * FROM progress ORDER BY year, unit, item, quarter;
    SELECT year, unit, date, type, points, aspect, method, reason, inspectors, evidence
      FROM ledger ORDER BY year, unit, date, type, points, reason, aspect, method;
    SELECT * FROM appraisal ORDER BY year, unit;" | md5sum | cut -d' ' -f1
}

audit_rows() { sqlite3 "$1" "SELECT count(*) FROM sqlite_schema WHERE name = 'audit'" | grep -q 1 \
  && sqlite3 "$1" "SELECT count(*) FROM audit" || echo 0; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---- a complete run -----------------------------------------------------------------------
ref="$work/ref.db"
t0=$(now_ms)
expect_ok "$K" --db "$ref" demo
run_ms=$(($(now_ms) - t0))
expect_stdout_has "46 个单位"
expect_ok "$K" --db "$ref" check
expect_stdout_has "结果: 0 个错误"
ref_counts=$(counts "$ref")
ref_digest=$(digest "$ref")
ref_audit=$(audit_rows "$ref")
set -- $ref_counts
[ "$1" -eq 46 ] && [ "$2" -eq 2 ] || fail "demo counts: $ref_counts"
[ "$ref_audit" -gt 1000 ] || fail "demo wrote only $ref_audit audit rows"
[ "$(sqlite3 "$ref" "SELECT count(DISTINCT operator) || operator FROM audit")" = 1tester ] \
  || fail "demo audit rows do not all carry the operator"
echo "complete demo: ${run_ms} ms, counts $ref_counts, $ref_audit audit rows"

# The content the foundation issue asks for (the hand-built cases: rank_demo.sh, monitor_demo.sh).
q() { sqlite3 "$ref" "$1"; }
[ "$(q "SELECT group_concat(pool || '=' || n, ' ') FROM (SELECT pool, count(*) n FROM unit
  GROUP BY pool ORDER BY pool)")" = "乡镇=10 县直部门=30 金融机构=2 驻县单位=4" ] \
  || fail "demo units per pool: $(q "SELECT pool, count(*) FROM unit GROUP BY pool")"
for y in 2025 2026; do # about 40 查访核验 a year (2026: through Q3), all six aspects
  n=$(q "SELECT count(*) FROM ledger WHERE year = $y AND type = 'inspection'")
  [ "$n" -ge 35 ] && [ "$n" -le 45 ] || fail "$y: $n 查访核验 records, expected about 40"
  [ "$(q "SELECT count(DISTINCT aspect) FROM ledger WHERE year = $y AND type = 'inspection'")" = 6 ] \
    || fail "$y: 查访核验 do not cover the six aspects"
  [ "$(q "SELECT count(*) > 0 FROM ledger WHERE year = $y AND type = 'complaint'")" = 1 ] \
    || fail "$y: no 投诉查处"
done
[ "$(q "SELECT count(*) FROM ledger WHERE type = 'veto'")" = 1 ] || fail "expected one 一票否决"
[ "$(q "SELECT max(date) < '2026-10-01' FROM ledger WHERE year = 2026")" = 1 ] \
  || fail "2026 ledger dated after Q3"
[ "$(q "SELECT count(*) FROM appraisal WHERE year = 2025")" = 46 ] || fail "2025 appraisals"
[ "$(q "SELECT group_concat(year || 'Q' || quarter, ' ') FROM (SELECT DISTINCT year, quarter
  FROM progress ORDER BY year, quarter)")" = "2025Q1 2025Q2 2025Q3 2025Q4 2026Q1 2026Q2 2026Q3" ] \
  || fail "progress quarters"
[ "$(q "SELECT count(*) FROM target t WHERE year = 2025 AND NOT EXISTS (SELECT 1 FROM progress p
  WHERE p.year = t.year AND p.unit = t.unit AND p.item = t.item AND p.quarter = 4)")" = 0 ] \
  || fail "2025 is not complete"

# Deterministic: a second database gets the same demo.
expect_ok "$K" --db "$work/second.db" demo
[ "$(digest "$work/second.db")" = "$ref_digest" ] || fail "demo is not deterministic"

# ---- refusal without --force, replacement with it ------------------------------------------
db="$work/busy.db"
expect_ok "$K" --db "$db" demo
expect_ok "$K" --db "$db" lock --year 2025
before_digest=$(digest "$db")
before_audit=$(audit_rows "$db")
expect_status 2 "$K" --db "$db" demo
[ "$(wc -l <"$last_err")" -eq 1 ] || fail "refusal is not one line"
expect_stderr_has "已有数据"
expect_stderr_has "--force"
[ "$(digest "$db")" = "$before_digest" ] || fail "refused demo changed the data"
[ "$(audit_rows "$db")" = "$before_audit" ] || fail "refused demo wrote audit rows"
# A locked year is an approved result: --force alone does not wipe it (issue 12).
expect_status 2 "$K" --db "$db" demo --force
[ "$(wc -l <"$last_err")" -eq 1 ] || fail "locked refusal is not one line"
expect_stderr_has "2025 年度已审定锁定"
expect_stderr_has "--reason"
[ "$(digest "$db")" = "$before_digest" ] || fail "demo --force wiped a locked year"
[ "$(audit_rows "$db")" = "$before_audit" ] || fail "refused demo --force wrote audit rows"
expect_status 2 "$K" --db "$db" demo --reason x
expect_stderr_has "只与 --force 一起使用"
expect_ok "$K" --db "$db" --operator 重置员 demo --force --reason "培训前重置"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE tbl = 'year' AND row_key = '2025'
  AND operator = '重置员' AND json_extract(new, '$.lock_note') = '清空数据 (demo --force): 培训前重置'")" = 1 ] \
  || fail "the reason is not in the audit log"
[ "$(counts "$db")" = "$ref_counts" ] || fail "demo --force counts: $(counts "$db")"
[ "$(digest "$db")" = "$ref_digest" ] || fail "demo --force did not give the plain demo"
[ "$(sqlite3 "$db" 'SELECT sum(locked) FROM year')" = 0 ] || fail "demo --force kept the lock"
# The audit log is kept and records the wipe by its operator.
[ "$(audit_rows "$db")" -gt "$before_audit" ] || fail "demo --force lost the audit log"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'delete' AND operator = '重置员'")" -gt 0 ] \
  || fail "the wipe is not in the audit log"
expect_ok "$K" --db "$db" check
expect_stdout_has "结果: 0 个错误"

# ---- SIGKILL midway ------------------------------------------------------------------------
# True while another connection holds the write lock, i.e. the demo's transaction is open.
# Only probes an existing, non-empty file, so the probe never creates or initialises it.
lock_held() {
  [ -s "$1" ] && [ -e "$1-wal" ] || return 1
  ! sqlite3 "$1" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
}

# kill_demo DB DELAY_MS [--force]: starts the demo, waits until its transaction is open, waits
# DELAY_MS more, then SIGKILLs it. Prints "killed" or "finished" (it ended before the kill).
kill_demo() {
  local db=$1 delay=$2; shift 2
  "$K" --db "$db" demo "$@" >/dev/null 2>&1 &
  local pid=$! waited=0
  while ! lock_held "$db"; do
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; echo finished; return; fi
    sleep 0.005
    waited=$((waited + 1))
    [ "$waited" -lt 4000 ] || { kill -9 "$pid"; wait "$pid"; echo "never-locked"; return; }
  done
  [ "$delay" -gt 0 ] && sleep "$(printf '0.%03d' "$delay")"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid"
    local st=$?
    [ "$st" -eq 137 ] && echo killed || echo "finished"
  else
    wait "$pid"
    echo finished
  fi
}

# Two demos on one new file, the second started while the first holds the write lock: one
# writes the demo; the other refuses like for any non-empty database (exit 2) or, when the
# first holds the lock longer than the busy timeout (a slow ASan run), says the database is
# busy (exit 1). Never two demos, never a half-understood failure.
db="$work/twice.db"
"$K" --db "$db" demo >"$work/one.out" 2>&1 &
first=$!
until lock_held "$db" || ! kill -0 "$first" 2>/dev/null; do sleep 0.005; done
"$K" --db "$db" demo >"$work/two.out" 2>&1
second_status=$?
wait "$first"
first_status=$?
case "$first_status $second_status" in
  "0 2" | "0 1") other="$work/two.out" other_status=$second_status ;;
  "2 0" | "1 0") other="$work/one.out" other_status=$first_status ;;
  *) fail "two concurrent demos exited $first_status and $second_status: $(cat "$work/one.out" "$work/two.out")"
     other=/dev/null other_status=0 ;;
esac
if [ "$other_status" = 2 ]; then
  grep -q "已有数据" "$other" || fail "the refused concurrent demo did not say why: $(cat "$other")"
elif [ "$other_status" = 1 ]; then
  grep -q "占用" "$other" || fail "the failed concurrent demo did not say it was busy: $(cat "$other")"
fi
[ "$(counts "$db")" = "$ref_counts" ] || fail "two concurrent demos: counts $(counts "$db")"
[ "$(digest "$db")" = "$ref_digest" ] || fail "two concurrent demos: not exactly one demo"
echo "two concurrent demos: exits $first_status and $second_status"

# Kill points spread over the demo's run time (capped below 1 s for the sleep format).
span=$((run_ms < 999 ? run_ms : 999))
killed_empty=0
attempt=0
for frac in 0 10 25 40 55 70 85 95; do
  attempt=$((attempt + 1))
  db="$work/kill$attempt.db"
  delay=$((span * frac / 100))
  outcome=$(kill_demo "$db" "$delay")
  ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
  [ "$ic" = ok ] || fail "attempt $attempt ($outcome at +${delay} ms): integrity_check: $ic"
  c=$(counts "$db")
  if [ "$c" = "$empty_counts" ]; then
    [ "$outcome" = killed ] || fail "attempt $attempt: demo $outcome but the database is empty"
    [ "$(audit_rows "$db")" = 0 ] || fail "attempt $attempt: empty database with audit rows"
    killed_empty=$((killed_empty + 1))
    result=nothing
  elif [ "$c" = "$ref_counts" ] && [ "$(digest "$db")" = "$ref_digest" ]; then
    [ "$(audit_rows "$db")" = "$ref_audit" ] || fail "attempt $attempt: whole demo, partial audit"
    result=whole
  else
    fail "attempt $attempt ($outcome at +${delay} ms): partial demo: $c"
    result=partial
  fi
  echo "kill attempt $attempt: $outcome at +${delay} ms after the transaction opened -> $result"
  expect_ok "$K" --db "$db" check
  # The database stays usable: an empty one takes the demo now.
  if [ "$result" = nothing ]; then
    expect_ok "$K" --db "$db" demo
    [ "$(digest "$db")" = "$ref_digest" ] || fail "attempt $attempt: demo after the kill differs"
  fi
done
# Without a kill inside the transaction this test would prove nothing.
[ "$killed_empty" -ge 1 ] || fail "no kill landed inside the demo's transaction (demo too fast?)"

# Killing demo --force over an existing demo leaves the old demo, whole.
for frac in 20 60; do
  db="$work/force$frac.db"
  cp "$ref" "$db"
  [ -e "$ref-wal" ] && cp "$ref-wal" "$db-wal"
  outcome=$(kill_demo "$db" $((span * frac / 100)) --force)
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "force kill: integrity_check"
  [ "$(counts "$db")" = "$ref_counts" ] || fail "force kill ($outcome): counts $(counts "$db")"
  [ "$(digest "$db")" = "$ref_digest" ] || fail "force kill ($outcome): not the whole demo"
  echo "demo --force kill at $frac %: $outcome -> whole demo"
done
finish
