# Progress rows are written many to a statement (db/targets.c store_progress_put_many, 64 rows):
# every row of a file of 401 new rows (6 full statements and 17 rows one at a time) is stored
# with its values and audited once, in the file's order; a write the database refuses in the
# middle of a statement names the file's line of that very row and leaves nothing written. On
# one unit with 101 比例 items (2026).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/b.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
printf '单位编码,单位名称,分组\nU01,县交通运输局,县直部门\n' >"$work/units.csv"
awk 'BEGIN { print "年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,计量单位";
             for (i = 1; i <= 101; i++) printf "2026,U01,I%03d,目标任务,任务%d,1,比例,400,项\n", i, i }' \
  >"$work/targets.csv"
# item i, quarter k: actual i * 4 + k (rising), a note on every third row
awk 'BEGIN { print "年度,单位编码,指标编码,季度,累计完成值,备注";
             for (i = 1; i <= 101; i++) for (k = 1; k <= 4; k++) {
               n++; if (n <= 401) printf "2026,U01,I%03d,%d,%d,%s\n", i, k, i * 4 + k, n % 3 ? "" : "注" n } }' \
  >"$work/progress.csv"
[ "$(wc -l <"$work/progress.csv")" = 402 ] || fail "fixture: not 401 rows"
expect_ok kp import units "$work/units.csv"
expect_ok kp import targets "$work/targets.csv" # warnings only (many items in one category)
cp "$db" "$work/base.db"
a0=$(q "SELECT count(*) FROM audit")

expect_ok kp import progress "$work/progress.csv"
expect_stdout_has "读取 401 行, 新增 401, 更新 0, 未变 0"
[ "$(q "SELECT count(*) FROM audit")" = "$((a0 + 401))" ] || fail "not one audit row per row"
# The stored rows are the file's, value for value (the note empty: NULL).
q "SELECT year, unit, item, quarter, CAST(actual AS INTEGER), coalesce(note, '') FROM progress
   ORDER BY item, quarter" | tr '|' ',' >"$work/stored.csv"
tail -n +2 "$work/progress.csv" >"$work/expected.csv"
expect_same "$work/stored.csv" "$work/expected.csv"
# ... audited in the file's order (the audit log's rowid order).
q "SELECT json_extract(new, '$.item') || '/' || json_extract(new, '$.quarter') FROM audit
   WHERE tbl = 'progress' ORDER BY rowid" >"$work/order.txt"
awk -F, 'NR > 1 { print $3 "/" $4 }' "$work/progress.csv" >"$work/file-order.txt"
expect_same "$work/order.txt" "$work/file-order.txt"
expect_ok kp import progress "$work/progress.csv"
expect_stdout_has "新增 0, 更新 0, 未变 401"

# A refused write in the middle of the fourth statement: row I050 Q3 is line 1 + 49 * 4 + 3.
cp "$work/base.db" "$db"
q "CREATE TRIGGER refuse BEFORE INSERT ON progress WHEN NEW.item = 'I050' AND NEW.quarter = 3
   BEGIN SELECT RAISE(ABORT, 'refused here'); END"
expect_status 3 kp import progress "$work/progress.csv"
expect_stderr_has "progress.csv:200:"
expect_stderr_has "refused here"
[ "$(q "SELECT count(*) FROM progress")" = 0 ] || fail "a refused import left rows"
[ "$(q "SELECT count(*) FROM audit")" = "$a0" ] || fail "a refused import left audit rows"
finish
