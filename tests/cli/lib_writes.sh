# The county file the write campaigns work on (tests/cli/disk_full.sh, crash_writes.sh).
# Sourced after lib.sh; K is the binary. make_write_base leaves in $work:
#   base.db   the demo, a 2027 with targets and a rectification to carry, checked out once,
#             checkpointed (no -wal);
#   big.csv   every 2026 progress row changed and the same rows for 2027: 2,446 rows, more
#             than one 2,048-row audit seal of a bulk import;
#   lap.kpz   the laptop's pack: every 2026 progress row changed and an inspection (张三);
#   units2.csv  every unit renamed.
make_write_base() {
  local base="$work/base.db"
  expect_ok "$K" --db "$base" demo
  expect_ok "$K" --db "$base" year new 2027 --from 2026 --with-targets
  expect_ok "$K" --db "$base" rectify add --year 2027 --unit D01 --text 进度滞后 --deadline 2027-12-31
  expect_ok "$K" --db "$base" field checkout "$work/laptop.db" --label 第一组
  expect_ok "$K" --db "$base" export progress --year 2026 -o "$work/p26.csv"
  awk -F'","' -v OFS='","' 'NR == 1 { print; next } { $6 += 1; print }' "$work/p26.csv" >"$work/big.csv"
  awk 'NR > 1 { sub(/^"2026"/, "\"2027\""); print }' "$work/big.csv" >"$work/big27.csv"
  cat "$work/big27.csv" >>"$work/big.csv"
  awk -F'","' -v OFS='","' 'NR == 1 { print; next } { $6 += 2; print }' "$work/p26.csv" >"$work/lap.csv"
  printf '年度,单位编码,日期,类型,分值,方面,方式,事由,核验人\n2026,D01,2026-10-12,查访核验,0.5,作风建设,暗访,第一组查访,张三\n' >"$work/led.csv"
  expect_ok "$K" --db "$work/laptop.db" --operator 张三 import progress "$work/lap.csv"
  expect_ok "$K" --db "$work/laptop.db" --operator 张三 import ledger "$work/led.csv"
  expect_ok "$K" --db "$work/laptop.db" field pack -o "$work/lap.kpz"
  expect_ok "$K" --db "$base" export units -o "$work/units.csv"
  awk -F'","' -v OFS='","' 'NR > 1 { $2 = $2 "（新）" } 1' "$work/units.csv" >"$work/units2.csv"
  sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}
