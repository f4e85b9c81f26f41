# Import streams: a file is read a row at a time (twice: once to find its problems, once to
# write it) and never held whole, so its size does not set the memory the import needs.
# The heap is capped (RLIMIT_DATA) below what holding a 20 MB file would take.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/s.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
printf '单位编码,单位名称,分组\nU01,单位一,县直部门\nU02,单位二,乡镇\n' >"$work/units.csv"
expect_ok K import units "$work/units.csv"
# 20,000 distinct records with a 1,000-byte 事由 each: a 20 MB file.
awk 'BEGIN { pad = ""; for (i = 0; i < 980; i++) pad = pad "x";
             print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
             for (i = 1; i <= 20000; i++)
               printf "2025,U0%d,2025-%02d-%02d,查访核验,0.5,作风建设,暗访,第 %d 次查访%s,张三\n",
                      i % 2 + 1, i % 12 + 1, i % 28 + 1, i, pad }' >"$work/wide.csv"
[ "$(stat -c %s "$work/wide.csv")" -gt 20000000 ] || fail "the file is not 20 MB"

build=$(dirname "$KAOPING_BIN")
if grep -q '^KAOPING_SANITIZE:[A-Z]*=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cap=unlimited # the sanitizers' shadow memory does not fit under a heap cap
else
  cap=40960 # KB: the program, SQLite's cache and the file's keys, not the file
fi
capped() { bash -c 'ulimit -d "$1" && shift && exec "$@"' _ "$cap" "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok capped import ledger "$work/wide.csv"
expect_stdout_has "读取 $work/wide.csv: 编码 UTF-8, 20000 行数据"
[ "$(sqlite3 "$db" "SELECT count(*) FROM ledger")" = 20000 ] || fail "not every row was written"
[ "$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE length(reason) > 980")" = 20000 ] ||
  fail "a 事由 was cut"

# The checks read a row's stored record by its id and the unit's records of that day, not the
# year's ledger: one more record beside the 20 MB of stored 事由 fits in a 12 MB heap (the
# whole year's ledger was read for the duplicate check: 35 MB at 8,000 units).
printf '年度,单位编码,日期,类型,分值,事由\n2025,U01,2025-06-30,投诉查处,0.5,一条新的投诉\n' \
  >"$work/one.csv"
[ "$cap" = unlimited ] || cap=12288
expect_ok capped import ledger "$work/one.csv"
expect_stdout_has "导入 ledger: 读取 1 行, 新增 1, 更新 0, 未变 0"
# The same record again, without 编号: found by its content among U01's records of that day.
expect_ok capped import ledger "$work/one.csv"
expect_stdout_has "导入 ledger: 读取 1 行, 新增 0, 更新 0, 未变 1"
[ "$(sqlite3 "$db" "SELECT count(*) FROM ledger")" = 20001 ] || fail "the record was not added once"
[ "$cap" = unlimited ] || cap=40960

# A problem in the last row still writes nothing, and names the row (the first pass finds
# it before anything is written).
{ cat "$work/wide.csv"; echo "2025,U09,2025-01-01,查访核验,0.5,作风建设,暗访,最后一行,张三"; } >"$work/bad.csv"
rm -f "$db"*
expect_ok K import units "$work/units.csv"
expect_status 3 capped import ledger "$work/bad.csv"
expect_stderr_has "bad.csv:20002: 列 单位编码: 单位「U09」不存在 (请先导入 units)"
[ "$(sqlite3 "$db" "SELECT count(*) FROM ledger")" = 0 ] || fail "rows were written"
[ "$(sqlite3 "$db" "SELECT count(*) FROM year")" = 0 ] || fail "the year was created"
finish
