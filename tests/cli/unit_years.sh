# Units per year (docs/store.md, "Units per year"), the bug of issue 15: with 2025 locked,
# moving S04 to another pool and renaming it (a units import, which is the current year's
# view) changed the locked 2025 ranking. Now 2026 takes the change and 2025 keeps its own.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/demo.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok kp demo
expect_ok kp lock --year 2025
expect_ok kp rank --year 2025 --format csv
cp "$last_out" "$work/rank2025.csv"
expect_ok kp explain --year 2025 S04
cp "$last_out" "$work/explain2025.txt"
expect_stdout_has "S04 中国邮政奇台县分公司  分组 驻县单位  2025 年度"

# The units file holds the current (2026) view; move S04 to 金融机构 and rename it.
expect_ok kp export units -o "$work/units.csv"
grep -q '^"S04","中国邮政奇台县分公司","驻县单位",' "$work/units.csv" ||
  fail "S04 not exported as expected"
sed -i 's/^"S04","中国邮政奇台县分公司","驻县单位",/"S04","中国邮政储蓄银行奇台县支行","金融机构",/' \
  "$work/units.csv"
expect_ok kp import units "$work/units.csv"

# The locked year: byte for byte the ranking and the explanation it had.
expect_ok kp rank --year 2025 --format csv
expect_same "$work/rank2025.csv" "$last_out"
expect_ok kp explain --year 2025 S04
expect_same "$work/explain2025.txt" "$last_out"

# The current year uses the new name and pool.
expect_ok kp rank --year 2026 --format csv --pool 金融机构
expect_stdout_has '"S04","中国邮政储蓄银行奇台县支行","金融机构"'
expect_ok kp explain --year 2026 S04
expect_stdout_has "S04 中国邮政储蓄银行奇台县支行  分组 金融机构  2026 年度"
expect_ok kp export units --year 2025 -o "$work/units2025.csv"
grep -q '^"S04","中国邮政奇台县分公司","驻县单位",' "$work/units2025.csv" ||
  fail "the 2025 units export lost 2025's entry of S04"

# A units file cannot reach into the locked year: with 2026 locked too, the import is refused
# and nothing is written.
expect_ok kp lock --year 2026
sed -i 's/^"S04","中国邮政储蓄银行奇台县支行","金融机构",/"S04","改名","乡镇",/' "$work/units.csv"
expect_status 3 kp import units "$work/units.csv"
expect_stderr_has "锁定"
expect_ok kp rank --year 2026 --format csv --pool 金融机构
expect_stdout_has '"S04","中国邮政储蓄银行奇台县支行","金融机构"'
expect_ok kp check

# An earlier year that is not locked is checked against its own pools: T01 moves from 乡镇 to
# 县直部门 in 2026, and 2025's 任务书 of T01 (乡镇 categories such as 经济发展) imports again.
db="$work/open.db"
expect_ok kp demo
expect_ok kp export units -o "$work/units_open.csv"
sed -i 's/^"T01","奇台镇","乡镇",/"T01","奇台镇","县直部门",/' "$work/units_open.csv"
expect_ok kp import units "$work/units_open.csv"
expect_ok kp export targets --year 2025 -o "$work/targets2025.csv"
grep -q '"T01",.*"经济发展"' "$work/targets2025.csv" || fail "T01 has no 经济发展 item in 2025"
expect_ok kp import targets "$work/targets2025.csv"
expect_ok kp rank --year 2025 --format csv --pool 乡镇
expect_stdout_has '"T01","奇台镇","乡镇"'
finish
