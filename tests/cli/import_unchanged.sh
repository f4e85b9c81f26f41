# Re-importing progress (bench/README.md "import"): the import's checks compare each row with
# the stored one, skip a row whose values are all the same and tell a new row from a changed
# one without asking the store again. The counts, the stored values and the audit must be what
# the upsert alone gives: a change in any one column is an update with one audit row, an
# unchanged row writes nothing, an absent optional column keeps the stored value. On the
# two-unit county of tests/data/stage (2026): 11 progress rows.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/p.db"
data="$KAOPING_SRC/tests/data/stage"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
for k in units targets progress; do
  expect_ok kp import "$k" "$data/$k.csv"
done
expect_ok kp export progress --year 2026 -o "$work/all.csv"
audits() { q "SELECT count(*) FROM audit"; }
a0=$(audits)

# The export of every column, back in: nothing changes, nothing is audited.
expect_ok kp import progress "$work/all.csv"
expect_stdout_has "读取 11 行, 新增 0, 更新 0, 未变 11"
[ "$(audits)" = "$a0" ] || fail "an unchanged re-import wrote audit rows"

# edit N 'SED' EXPECT-SQL: the export with one edit (sed on line N), imported: one update, one
# audit row, and the stored row as EXPECT-SQL says.
n=0
edit() {
  n=$((n + 1))
  sed "$1" "$work/all.csv" >"$work/e$n.csv"
  expect_ok kp import progress "$work/e$n.csv"
  expect_stdout_has "读取 11 行, 新增 0, 更新 1, 未变 10"
  [ "$(audits)" = "$((a0 + n))" ] || fail "edit $n ($1): $(audits) audit rows, not $((a0 + n))"
  [ "$(q "$2")" = 1 ] || fail "edit $n ($1) not stored: $2"
  cp "$work/e$n.csv" "$work/all.csv"
}
# line 3 is T01 B1 Q2 (actual 88): each column in turn, then each back to empty
row="FROM progress WHERE year = 2026 AND unit = 'T01' AND item = 'B1' AND quarter = 2"
edit '3s/"88"/"89"/' "SELECT actual = 89 $row"
edit '3s/"89","",""/"89","5",""/' "SELECT spent = 5 $row"
edit '3s/"89","5",""/"89","5","1.5"/' "SELECT score = 1.5 $row"
edit '3s/"1.5",""/"1.5","说明"/' "SELECT note = '说明' $row"
edit '3s/"说明",""/"说明","原因"/' "SELECT deviation = '原因' $row"
edit '3s/"原因",""/"原因","措施"/' "SELECT action = '措施' $row"
edit '3s/"措施","",""/"措施","继续","2026-07-01"/' "SELECT decision = 'continue' AND decision_on = '2026-07-01' $row"
edit '3s/"2026-07-01"/"2026-07-02"/' "SELECT decision_on = '2026-07-02' $row"
edit '3s/"说明"/""/' "SELECT note IS NULL $row"
edit '3s/"89","5","1.5"/"89","","1.5"/' "SELECT spent IS NULL $row"
edit '3s/"继续","2026-07-02"/"",""/' "SELECT decision IS NULL AND decision_on IS NULL $row"

# The same file again: all unchanged.
expect_ok kp import progress "$work/all.csv"
expect_stdout_has "新增 0, 更新 0, 未变 11"

# Without the optional columns the stored values stay: unchanged, and deviation kept.
printf '年度,单位编码,指标编码,季度,累计完成值\n2026,T01,B1,2,89\n' >"$work/short.csv"
expect_ok kp import progress "$work/short.csv"
expect_stdout_has "读取 1 行, 新增 0, 更新 0, 未变 1"
[ "$(q "SELECT deviation || action || score $row")" = "原因措施1.5" ] || fail "absent columns not kept"

# A new quarter is an insert, with its audit row; the stored ones around it are unchanged.
printf '年度,单位编码,指标编码,季度,累计完成值\n2026,T01,B1,2,89\n2026,T01,B1,4,130\n' >"$work/new.csv"
a1=$(audits)
expect_ok kp import progress "$work/new.csv"
expect_stdout_has "读取 2 行, 新增 1, 更新 0, 未变 1"
[ "$(audits)" = "$((a1 + 1))" ] || fail "the new row's audit"
[ "$(q "SELECT actual FROM progress WHERE unit = 'T01' AND item = 'B1' AND quarter = 4")" = 130.0 ] ||
  fail "the new row not stored"
finish
