# Property test of issue 12: random numbers over the whole double range (1e-30 .. 1e307, both
# signs, written out in full as a spreadsheet would) through import → rank. Each row is
# imported alone: it must go in exactly when it lies in its column's range (model/limits.h,
# restated here by hand) and be refused with exit 3 otherwise; rank must then succeed and
# every total stay inside what the qitai scheme allows (C ≤ 90, A ≤ 10, deductions ≤ 2 + 2,
# bonus cap 0: −4 ≤ T ≤ 100). Under the asan preset any overflow aborts the run.
# KAOPING_PROPERTY_ROUNDS sets the number of rows (default 120); the seed is printed.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/p.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
cd "$work" || exit 1
rounds=${KAOPING_PROPERTY_ROUNDS:-120}
seed=${KAOPING_PROPERTY_SEED:-$(date +%s)}
echo "seed $seed, $rounds rows"

printf '单位编码,单位名称,分组\nP1,甲,县直部门\nP2,乙,县直部门\n' >units.csv
expect_ok kp import units units.csv
printf '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\n' >t0.csv
printf '2025,P%s,A1,全局性重点工作,x,30,比例,100\n2025,P%s,M1,目标任务,y,60,评分,1\n' 1 1 2 2 >>t0.csv
expect_ok kp import targets t0.csv

# One line per row: KIND, the row's CSV, the value, its range "lo hi open [pct]" (pct: a
# percentage column, where a value in (0, 1] without % is a fraction that lost its percent
# format and is refused, docs/csv.md "Numbers").
awk -v n="$rounds" -v seed="$seed" 'BEGIN {
  srand(seed)
  for (i = 0; i < n; i++) {
    e = int(rand() * 338) - 30; m = 1 + rand() * 9
    v = (rand() < 0.2 ? -1 : 1) * m * 10 ^ e
    if (rand() < 0.3) v = rand() * 120 # half the rows near the ranges, so many go in
    s = sprintf("%.*f", int(rand() * 7), v)
    u = "P" (1 + int(rand() * 2)); k = int(rand() * 6)
    if (k == 0) print "ledger|年度,单位编码,日期,类型,分值,事由\\n2025," u ",2025-03-01,查访核验," s ",r" i "|" s "|0 100 1"
    if (k == 1) print "ledger|年度,单位编码,日期,类型,分值,事由\\n2025," u ",2025-03-01,投诉查处," s ",r" i "|" s "|0 100 1"
    if (k == 2) print "targets|年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\\n2025," u ",A1,全局性重点工作,x,30,比例," s "|" s "|0 1e12 0"
    if (k == 3) print "progress|年度,单位编码,指标编码,季度,累计完成值\\n2025," u ",A1," (2 + 2 * int(rand() * 2)) "," s "|" s "|0 1e12 0"
    if (k == 4) print "progress|年度,单位编码,指标编码,季度,累计完成值,评分\\n2025," u ",M1," (2 + 2 * int(rand() * 2)) ",0," s "|" s "|0 100 0"
    if (k == 5) print "appraisals|年度,单位编码,公众评议得分\\n2025," u "," s "|" s "|0 100 0 pct"
  }
}' >cases.txt

# In range by hand: lo < v (open) or lo ≤ v, and v ≤ hi; awk reads the decimal as strtod does.
in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" -v open="$4" -v pct="${5:-}" 'BEGIN {
  v += 0; ok = (open ? v > lo : v >= lo) && v <= hi && !(pct && v > 0 && v <= 1); exit !ok }'; }

i=0
while IFS='|' read -r kind rows value range; do
  i=$((i + 1))
  printf '%b\n' "$rows" >"row$i.csv"
  # 评分 must also be ≤ the item's 分值 (60, a check against the database).
  # shellcheck disable=SC2086
  if in_range "$value" $range && { [ "$kind" != progress ] || ! grep -q ',M1,' "row$i.csv" ||
    in_range "$value" 0 60 0; }; then
    expect_ok kp import "$kind" "row$i.csv"
  else
    expect_status 3 kp import "$kind" "row$i.csv"
    grep -q "row$i.csv:2: 列 " "$last_err" || fail "row $i ($value): no FILE:LINE: 列 message"
  fi
done <cases.txt

expect_ok kp rank --year 2025 --format csv
awk -F'","' 'NR > 1 { t = $13 + 0; if (t < -4 || t > 100) { print "total " t; bad = 1 } }
  END { exit bad }' "$last_out" || fail "a total outside -4..100"
expect_ok kp check

finish
