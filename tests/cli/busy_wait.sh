# Bulk commands wait for another program's write transaction longer than the 5 s a single
# edit waits (issue 12: 7 of 30 parallel imports gave up after 5 s while the holder finished
# seconds later), and say on a terminal what they wait for.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K=$KAOPING_BIN
now_ms() { echo $(($(date +%s%N) / 1000000)); }

db="$work/busy.db"
expect_ok "$K" --db "$db" demo
printf '单位编码,单位名称,分组\nT01,城关镇(改),乡镇\n' >"$work/units.csv"

# hold_lock SECONDS: another program holds the write lock that long, then commits.
hold_lock() {
  { echo "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS scratch(x); INSERT INTO scratch VALUES (1);"
    sleep "$1"; echo "COMMIT;"; } | sqlite3 "$db" &
  holder=$!
  sleep 0.5 # the holder has the lock
}

# 1. An import started while the lock is held for 7 s waits and then writes.
hold_lock 7
t0=$(now_ms)
expect_ok "$K" --db "$db" import units "$work/units.csv"
waited=$(($(now_ms) - t0))
wait "$holder"
[ "$waited" -ge 5000 ] || fail "import did not wait for the holder (only $waited ms)"
[ "$(sqlite3 "$db" "SELECT name FROM unit WHERE code = 'T01'")" = "城关镇(改)" ] ||
  fail "import after the wait did not write"
[ ! -s "$last_err" ] || fail "import said something on stderr (not a terminal): $(cat "$last_err")"

# 2. On a terminal the import says what it waits for, and clears the line when it gets in.
printf '单位编码,单位名称,分组\nT01,城关镇,乡镇\n' >"$work/units2.csv"
hold_lock 3
script -qec "'$K' --db '$db' import units '$work/units2.csv'" /dev/null >"$work/tty.out" 2>&1 </dev/null
status=$?
wait "$holder"
[ "$status" -eq 0 ] || fail "import on a terminal exited $status: $(cat "$work/tty.out")"
grep -q "数据库正被其他程序写入, 等它完成… 已等 2 秒 (最多 60 秒)" "$work/tty.out" ||
  fail "no waiting line on the terminal: $(cat "$work/tty.out")"

# 3. A single edit still gives up after about 5 s, with the wait it did in the message.
hold_lock 8
expect_status 1 "$K" --db "$db" lock --year 2025
expect_stderr_has "数据库正被其他程序占用 (已等待 5 秒)"
wait "$holder"
finish
