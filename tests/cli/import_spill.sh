# The progress import's spill (io/row_spill.h: the first pass's parsed rows in a temp file in
# $TMPDIR, read back by the second pass). A temp directory that is full or missing stops the
# import with a message naming the temp file and writes nothing; an import killed while it
# writes leaves the database as it was and no temp file behind (the file is unlinked as soon
# as it is made); the spilled rows import exactly as the file's (the same import again changes
# nothing, and the export gives the file back).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

gen="$(dirname "$KAOPING_BIN")/gen_province"
[ -x "$gen" ] || { echo "skipped: no gen_province beside the binary"; exit 77; }
db="$work/p.db" base="$work/base.db" tmp="$work/tmp"
mkdir "$tmp"
K() { TMPDIR=$tmp "$KAOPING_BIN" --db "$db" "$@"; }
# 200 units: 32,000 progress rows (2 MB of CSV, a spill of about 1 MB).
"$gen" "$work/gen.db" 200 >/dev/null 2>&1 || fail "gen_province"
"$KAOPING_BIN" --db "$work/gen.db" export progress --year 2025 -o "$work/progress.csv" >/dev/null
"$KAOPING_BIN" --db "$work/gen.db" export units -o "$work/units.csv" >/dev/null
"$KAOPING_BIN" --db "$work/gen.db" export targets --year 2025 -o "$work/targets.csv" >/dev/null
expect_ok "$KAOPING_BIN" --db "$base" import units "$work/units.csv"
expect_ok "$KAOPING_BIN" --db "$base" import targets "$work/targets.csv"
sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
dump() { sqlite3 "$1" .dump | md5sum; }
before=$(dump "$base")
fresh() { rm -f "$db" "$db-wal" "$db-shm"; cp "$base" "$db"; }
no_temp_left() { [ -z "$(ls -A "$tmp")" ] || fail "$1: temp files left: $(ls -A "$tmp")"; }

# The import itself: every row in, and the export gives the same file back.
fresh
expect_ok K import progress "$work/progress.csv"
expect_stdout_has "新增 32000, 更新 0, 未变 0"
expect_ok K import progress "$work/progress.csv"
expect_stdout_has "新增 0, 更新 0, 未变 32000"
expect_ok K export progress --year 2025 -o "$work/again.csv"
expect_same "$work/progress.csv" "$work/again.csv"
no_temp_left "a finished import"

# A temp directory that does not exist.
fresh
TMPDIR=$work/none expect_status 1 "$KAOPING_BIN" --db "$db" import progress "$work/progress.csv"
expect_stderr_has "无法创建导入用的临时文件 $work/none/kaoping-import-"
expect_stderr_has "未写入任何数据"
[ "$(dump "$db")" = "$before" ] || fail "missing temp directory: the database changed"

# A full temp directory: a 256 KiB tmpfs where it can be mounted (root), else a file size
# limit of 256 KiB (then the system's words are "File too large", not a full disk; also with
# DISK_FULL_MODE=ulimit, as tests/cli/disk_full.sh).
full="$work/full"
mkdir "$full"
if [ "${DISK_FULL_MODE:-tmpfs}" = tmpfs ] && mount -t tmpfs -o size=256k,mode=0700 tmpfs "$full" 2>/dev/null; then
  trap 'umount -l "$full" 2>/dev/null; rm -rf "$work"' EXIT
  fresh
  TMPDIR=$full expect_status 1 "$KAOPING_BIN" --db "$db" import progress "$work/progress.csv"
  expect_stderr_has "磁盘已满"
else
  fresh
  (trap '' XFSZ; ulimit -f 256; TMPDIR=$full exec "$KAOPING_BIN" --db "$db" import progress \
    "$work/progress.csv") >"$last_out" 2>"$last_err"
  [ $? -eq 1 ] || fail "a file size limit on the spill: exit status"
fi
expect_stderr_has "写入导入用的临时文件 $full/kaoping-import-"
expect_stderr_has "未写入任何数据"
[ "$(dump "$db")" = "$before" ] || fail "full temp directory: the database changed"
[ -z "$(ls -A "$full")" ] || fail "full temp directory: temp files left"

# Killed while writing (the spill read back, the WAL growing): nothing written, nothing left.
fresh
TMPDIR=$tmp "$KAOPING_BIN" --db "$db" import progress "$work/progress.csv" >"$work/kill.out" 2>&1 &
pid=$!
began=no
for _ in $(seq 1 2400); do
  spilled=$(find "/proc/$pid/fd" -lname "$tmp/kaoping-import-* (deleted)" 2>/dev/null | head -1)
  size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  if [ -n "$spilled" ] && [ "$size" -gt 1048576 ]; then began=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.02
done
no_temp_left "while the import runs" # the spill is unlinked once made
kill -9 "$pid" 2>/dev/null
wait "$pid"
status=$?
[ "$began" = yes ] || fail "the import never wrote with its spill open: $(cat "$work/kill.out")"
[ "$status" -eq 137 ] || fail "the import was not killed midway (exit $status)"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the kill"
[ "$(dump "$db")" = "$before" ] || fail "killed import: the database changed"
no_temp_left "a killed import"
finish
