# Content duplicates in the ledger: a ledger exported from another copy of the same records
# (other 编号, same unit, date, type, points and finding) stops the import with the list
# (exit 3, nothing written) instead of doubling every deduction; --allow-duplicates takes them
# in. Re-importing one's own export (same 编号, CSV or .xlsx) still changes nothing.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

data="$KAOPING_SRC/tests/data/csv"
db="$work/d.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
count() { sqlite3 "$db" "SELECT count(*) FROM ledger"; }

expect_ok K import units "$data/units.csv"
expect_ok K import ledger "$data/ledger.csv"
n=$(count)
expect_ok K export ledger --year 2025 -o "$work/own.csv"
expect_ok K import ledger "$work/own.csv"
expect_stdout_has "新增 0, 更新 0, 未变 $n"

# The other copy: every 编号 replaced by another 32-hex id (f + the id's first 31 digits).
sed 's/^"\([0-9a-f]\{31\}\)[0-9a-f]"/"f\1"/' "$work/own.csv" >"$work/other.csv"
cmp -s "$work/own.csv" "$work/other.csv" && fail "the other copy has the same 编号"
expect_status 3 K import ledger "$work/other.csv"
first=$(sed -n '2s/^"\([0-9a-f]*\)".*/\1/p' "$work/own.csv")
expect_stderr_has "other.csv:2: 列 编号: 编号「f${first:0:31}」是新的, 但内容与已有记录 $first 相同"
expect_stderr_has "确是另一条记录时请加 --allow-duplicates"
expect_stderr_has "$n 个错误, 未写入任何数据"
[ "$(count)" = "$n" ] || fail "duplicates were written"

# One's own export as a workbook is not a duplicate either (its 编号 are the stored ones).
expect_ok K export ledger --year 2025 -o "$work/own.xlsx"
expect_ok K import ledger "$work/own.xlsx"
expect_stdout_has "新增 0, 更新 0, 未变 $n"

expect_ok K import --allow-duplicates ledger "$work/other.csv"
expect_stdout_has "新增 $n, 更新 0, 未变 0"
[ "$(count)" = "$((2 * n))" ] || fail "--allow-duplicates did not take them in"

# Two new records of one file with the same content and their own 编号 are compared with the
# records stored before the import, not with each other once the first is written.
printf '编号,年度,单位编码,日期,类型,分值,事由\n%s,2025,D01,2025-03-01,投诉查处,0.5,同一事由\n%s,2025,D01,2025-03-01,投诉查处,0.5,同一事由\n' \
  aaaa1111aaaa1111aaaa1111aaaa1111 bbbb2222bbbb2222bbbb2222bbbb2222 >"$work/pair.csv"
expect_ok K import ledger "$work/pair.csv"
expect_stdout_has "新增 2, 更新 0, 未变 0"
[ "$(count)" = "$((2 * n + 2))" ] || fail "the pair was not written"
finish
