# --db naming a file that does not exist: every command that only reads or changes a database
# refuses (exit 1) and creates nothing, neither the file nor its folder; demo and import create
# it (issue 17: a mistyped path used to create an empty database and then say it had no year).
. "$(dirname "$0")/lib.sh"
KP="${KAOPING_BIN:?}"
missing="$work/typo/kaoping.db"

for cmd in "check" "rank" "export units" "audit" "monitor --year 2026 --quarter 1" "lock --year 2026" "scheme show" "backup $work/b.db"; do
  # shellcheck disable=SC2086
  expect_status 1 "$KP" --db "$missing" $cmd
  expect_stderr_has "数据库 $missing 不存在"
  [ ! -e "$work/typo" ] || fail "$cmd created $work/typo"
done

printf '单位编码,单位名称,分组\nX01,测试单位,县直部门\n' >"$work/u.csv"
expect_ok "$KP" --db "$work/a/imported.db" import units "$work/u.csv"
[ -s "$work/a/imported.db" ] || fail "import did not create its database"
expect_ok "$KP" --db "$work/b/demo.db" demo
[ -s "$work/b/demo.db" ] || fail "demo did not create its database"
# An existing database is opened as before.
expect_ok "$KP" --db "$work/b/demo.db" check
finish
