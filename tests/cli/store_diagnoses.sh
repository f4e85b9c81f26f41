# What the store says about files it cannot use (issue 12, "misleading diagnoses"): a negative
# user_version is named as such (it said "not an error"); a file this account may not write (a
# read-only folder or share, another account's file) serves the reading commands exactly as a
# writable copy, refuses a write saying it is read-only (it said "attempt to write a readonly
# database" even for rank), and stays as it was. Root ignores file permissions, so when the
# tests run as root the commands run as nobody.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K=$KAOPING_BIN
expect_stderr_lacks() { ! grep -qF -- "$1" "$last_err" || fail "stderr has: $1"; }

sqlite3 "$work/neg.db" "CREATE TABLE t(x); PRAGMA user_version = -5;"
cp "$work/neg.db" "$work/neg.orig"
expect_status 1 "$K" --db "$work/neg.db" check
expect_stderr_has "结构版本为 -5"
expect_stderr_has "不是 kaoping 建的"
expect_stderr_lacks "not an error"
expect_same "$work/neg.orig" "$work/neg.db"

expect_ok "$K" --db "$work/rw.db" demo
expect_ok "$K" --db "$work/rw.db" rank --year 2025
cp "$last_out" "$work/rank.want"

ro="$work/ro"
mkdir "$ro"
cp "$work/rw.db" "$ro/x.db"
[ ! -e "$work/rw.db-wal" ] || fail "the demo left a -wal: the copy would not be the whole file"
chmod 644 "$ro/x.db"
cp "$ro/x.db" "$work/x.orig"
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$ro" "$work"
  as() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
else
  chmod 555 "$ro"
  as() { "$@"; }
fi

expect_ok as "$K" --db "$ro/x.db" rank --year 2025
expect_same "$work/rank.want" "$last_out"
expect_ok as "$K" --db "$ro/x.db" check
expect_stdout_has "结果: 0 个错误"
expect_ok as "$K" --db "$ro/x.db" audit --verify
expect_status 1 as "$K" --db "$ro/x.db" lock --year 2025
expect_stderr_has "是只读的"
expect_stderr_lacks "attempt to write"
expect_same "$work/x.orig" "$ro/x.db"
[ -z "$(ls -A "$ro" | grep -v '^x\.db$')" ] || fail "files appeared in the read-only folder: $(ls "$ro")"

# A -wal with changes not yet in the file cannot be read without a -shm: refused, not ignored.
chmod 755 "$ro"
cp "$work/rw.db" "$ro/y.db"
sqlite3 "$ro/y.db" "PRAGMA journal_mode" >/dev/null
printf 'not empty' >"$ro/y.db-wal"
chmod 644 "$ro/y.db" "$ro/y.db-wal"
[ "$(id -u)" = 0 ] || chmod 555 "$ro"
expect_status 1 as "$K" --db "$ro/y.db" rank --year 2025
expect_stderr_has "y.db-wal"
chmod 755 "$ro"
finish
