# The command line itself: help, version, usage errors, where the database is, and backup's
# overwrite rule. Never touches the user's database: HOME and XDG point into $work.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
unset KAOPING_DB XDG_DATA_HOME
export HOME="$work/home"
K="$KAOPING_BIN"

# expect_one_line_error: stderr is exactly one line starting with "kaoping: ".
expect_one_line_error() {
  [ "$(wc -l <"$last_err")" -eq 1 ] || fail "stderr is not one line"
  grep -q '^kaoping: ' "$last_err" || fail "stderr does not start with 'kaoping: '"
  [ ! -s "$last_out" ] || fail "error also wrote to stdout"
}

# Help and version never open a database.
expect_ok "$K" --help
expect_stdout_has "用法: kaoping [--db PATH]"
for c in check backup demo; do expect_stdout_has "  $c "; done
expect_ok "$K" -h
expect_stdout_has "用法: kaoping"
expect_ok "$K" --version
grep -Eq '^kaoping [0-9]+\.[0-9]+\.[0-9]+$' "$last_out" || fail "--version output: $(cat "$last_out")"
expect_ok "$K" check --help
expect_stdout_has "用法: kaoping check"
expect_ok "$K" backup --help
expect_stdout_has "用法: kaoping backup [--force] DEST"
expect_ok "$K" --db "$work/unused.db" backup -h
[ ! -e "$work/unused.db" ] || fail "--help created the database"
[ ! -e "$HOME" ] || fail "--help touched \$HOME"

# Usage errors: exit 2, one line on stderr, nothing on stdout.
expect_status 2 "$K" frobnicate
expect_one_line_error
expect_stderr_has "frobnicate"
expect_status 2 "$K" --db
expect_one_line_error
expect_status 2 "$K" --db "$work/x.db" --operator
expect_one_line_error
expect_status 2 "$K" --db "$work/x.db" check extra
expect_one_line_error
expect_status 2 "$K" --db "$work/x.db" backup
expect_one_line_error
expect_status 2 "$K" --db "$work/x.db" backup a.db b.db
expect_one_line_error
# A bad option is named, in one line (getopt's own English message is silenced).
expect_status 2 "$K" --db "$work/x.db" backup --bogus a.db
expect_one_line_error
expect_stderr_has "--bogus"
expect_status 2 "$K" --db "$work/x.db" backup -fz a.db
expect_one_line_error
expect_stderr_has ": -z"
expect_status 2 "$K" --db "$work/x.db" demo --forse
expect_one_line_error
expect_stderr_has "--forse"
[ ! -e "$work/x.db" ] || fail "a usage error opened the database"

# --db before or after the command, --db=PATH, and $KAOPING_DB. Only demo and import create a
# missing database (tests/cli/missing_db.sh): a one-unit import makes each file here.
printf '单位编码,单位名称,分组\nX01,测试单位,县直部门\n' >"$work/u.csv"
new_db() { expect_ok "$K" "$@" import units "$work/u.csv"; }
new_db --db "$work/after.db"
expect_ok "$K" check --db "$work/after.db"
expect_stdout_has "检查 $work/after.db"
expect_stdout_has "0 个错误"
[ -f "$work/after.db" ] || fail "--db after the command was not used"
expect_ok "$K" import units "$work/u.csv" --db="$work/eq.db"
[ -f "$work/eq.db" ] || fail "--db=PATH was not used"
KAOPING_DB="$work/env.db" new_db
[ -f "$work/env.db" ] || fail "\$KAOPING_DB was not used"
KAOPING_DB="$work/env.db" new_db --db "$work/flag.db"
[ -f "$work/flag.db" ] || fail "--db does not win over \$KAOPING_DB"
KAOPING_DB="$work/env.db" expect_ok "$K" --db "$work/flag.db" check
expect_stdout_has "检查 $work/flag.db"

# Default locations: $XDG_DATA_HOME, then ~/.local/share; directories created, file 0600.
XDG_DATA_HOME="$work/xdg" new_db
[ -f "$work/xdg/kaoping/kaoping.db" ] || fail "\$XDG_DATA_HOME/kaoping/kaoping.db not created"
new_db
db="$HOME/.local/share/kaoping/kaoping.db"
[ -f "$db" ] || fail "~/.local/share/kaoping/kaoping.db not created"
[ "$(stat -c %a "$db")" = 600 ] || fail "database mode is $(stat -c %a "$db"), not 600"

# A new database checks clean and is a real kaoping database.
new_db --db "$work/fresh.db"
expect_ok "$K" --db "$work/fresh.db" check
expect_stdout_has "结果: 0 个错误"
[ "$(sqlite3 "$work/fresh.db" 'PRAGMA user_version')" = 14 ] || fail "fresh.db user_version"
[ "$(sqlite3 "$work/fresh.db" 'PRAGMA journal_mode')" = wal ] || fail "fresh.db not in WAL mode"

# A file that is not a database: runtime error, one line, file untouched.
printf '姓名,单位\n张三,县教育局\n' >"$work/notes.csv"
cp "$work/notes.csv" "$work/notes.orig"
expect_status 1 "$K" --db "$work/notes.csv" check
expect_one_line_error
expect_stderr_has "不是 kaoping 数据库"
expect_same "$work/notes.orig" "$work/notes.csv"

# backup: refuses an existing DEST (exit 2), --force overwrites with a real copy.
echo "old backup" >"$work/dest.db"
cp "$work/dest.db" "$work/dest.orig"
expect_status 2 "$K" --db "$work/fresh.db" backup "$work/dest.db"
expect_one_line_error
expect_stderr_has "已存在"
expect_same "$work/dest.orig" "$work/dest.db"
expect_ok "$K" --db "$work/fresh.db" backup --force "$work/dest.db"
expect_stdout_has "已备份到 $work/dest.db"
[ "$(sqlite3 "$work/dest.db" 'SELECT count(*) FROM pool')" = 4 ] || fail "backup is not the database"
[ "$(stat -c %a "$work/dest.db")" = 600 ] || fail "backup mode is not 600"
expect_ok "$K" --db "$work/fresh.db" backup "$work/new.db"
expect_ok "$K" --db "$work/new.db" check
expect_stdout_has "0 个错误"
expect_ok "$K" backup "$work/new2.db" -f --db "$work/fresh.db"
[ -f "$work/new2.db" ] || fail "backup with options after DEST"
# Never onto the database itself (that would corrupt it under a live WAL), even with --force.
expect_status 2 "$K" --db "$work/fresh.db" backup --force "$work/fresh.db"
expect_one_line_error
expect_stderr_has "数据库文件本身"
expect_status 2 "$K" --db "$work/fresh.db" backup --force "$work/../$(basename "$work")/fresh.db"
expect_ok "$K" --db "$work/fresh.db" check
finish
