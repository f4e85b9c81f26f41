# Scores an operator can check by hand, entered the way operators enter them (kaoping import
# of CSV files) and read back through rank (table, csv, json), explain and export ranking:
# band edges, caps hit exactly and exceeded, the item's own 序时进度, inverse items with
# actual 0, missing data, a vetoed unit in a pool of 9, ties. Year 2025, qitai scheme:
# C = K_H×30/90 + K_Y×60/90, A = P×10%.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/import.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }

cat >"$work/units.csv" <<'EOF'
单位编码,单位名称,分组
G01,县教育局,县直部门
G02,县财政局,县直部门
G03,县档案局,县直部门
G04,县统计局,县直部门
G05,县水利局,县直部门
G06,县审计局,县直部门
G07,县司法局,县直部门
G08,县民政局,县直部门
G09,县应急管理局,县直部门
G10,县林业局,县直部门
G11,县商务局,县直部门
S1,驻县单位1,驻县单位
S2,驻县单位2,驻县单位
S3,驻县单位3,驻县单位
S4,驻县单位4,驻县单位
S5,驻县单位5,驻县单位
S6,驻县单位6,驻县单位
S7,驻县单位7,驻县单位
S8,驻县单位8,驻县单位
S9,驻县单位9,驻县单位
EOF

# Most units have four 评分 items worth 30/30/20/10 (A1 B1 C1 D1), scored the same at Q2
# and Q4 unless said otherwise, so K is the sum of the four scores.
{
  echo '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,序时进度'
  for u in G01 G02 G03 G04 G05 G07 G08; do
    echo "2025,$u,A1,全局性重点工作,重点工作,30,评分,30,"
    echo "2025,$u,B1,目标任务,目标任务,30,评分,30,"
    echo "2025,$u,C1,作风效能建设,作风效能,20,评分,20,"
    echo "2025,$u,D1,专项考核,专项考核,10,评分,10,"
  done
  # G06: 1/3 + 2/3 of a point from two ratio items, + 81.995 of 88
  echo '2025,G06,A1,全局性重点工作,示范点,1,比例,3,'
  echo '2025,G06,A2,全局性重点工作,示范村,1,比例,3,'
  echo '2025,G06,B1,目标任务,目标任务,88,评分,88,'
  # G09: an inverse item (accidents) with actual 0; G10: a ratio item on its own schedule
  # 10/20/60/100; G11: a 评分 item without its Q4 row
  for u in G09 G10 G11; do
    echo "2025,$u,B1,目标任务,目标任务,30,评分,30,"
    echo "2025,$u,C1,作风效能建设,作风效能,20,评分,20,"
    echo "2025,$u,D1,专项考核,专项考核,10,评分,10,"
  done
  echo '2025,G09,A1,全局性重点工作,安全生产事故,30,反向,2,'
  echo '2025,G10,A1,全局性重点工作,造林面积,30,比例,100,10/20/60/100'
  echo '2025,G11,A1,全局性重点工作,招商引资,30,评分,30,'
  for i in 1 2 3 4 5 6 7 8 9; do echo "2025,S$i,A1,全局性重点工作,重点工作,90,评分,90,"; done
} >"$work/targets.csv"

# score4 UNIT A B C D [A4 B4 C4 D4]: Q2 and Q4 rows of the four 评分 items.
score4() {
  local u=$1 a=$2 b=$3 c=$4 d=$5
  local a4=${6:-$a} b4=${7:-$b} c4=${8:-$c} d4=${9:-$d}
  echo "2025,$u,A1,2,0,$a"; echo "2025,$u,B1,2,0,$b"; echo "2025,$u,C1,2,0,$c"; echo "2025,$u,D1,2,0,$d"
  echo "2025,$u,A1,4,0,$a4"; echo "2025,$u,B1,4,0,$b4"; echo "2025,$u,C1,4,0,$c4"; echo "2025,$u,D1,4,0,$d4"
}
{
  echo '年度,单位编码,指标编码,季度,累计完成值,评分'
  score4 G01 30 24 16 10 30 27 17 10 # K_H 80, K_Y 84: the worked example
  score4 G02 30 30 20 2.995          # K 82.995 + 7 = 89.995 -> 90.00 优秀
  score4 G03 30 30 2.995 0           # K 62.995 + 7 = 69.995 -> 70.00 合格
  score4 G04 30 30 12.994 0          # K 72.994 + 7 = 79.994 -> 79.99 合格
  score4 G05 30 30 20 3              # K 83 + 7 = 90.00 优秀
  score4 G07 30 30 20 0              # K 80
  score4 G08 30 30 20 0              # K 80
  # G06: A1 0.5/1.5 and 1/3 -> 1/3 point each time, A2 1/1.5 and 2/3 -> 2/3: K 82.995
  echo '2025,G06,A1,2,0.5,'; echo '2025,G06,A1,4,1,'; echo '2025,G06,A2,2,1,'; echo '2025,G06,A2,4,2,'
  echo '2025,G06,B1,2,0,81.995'; echo '2025,G06,B1,4,0,81.995'
  for u in G09 G10 G11; do
    for q in 2 4; do echo "2025,$u,B1,$q,0,30"; echo "2025,$u,C1,$q,0,20"; echo "2025,$u,D1,$q,0,10"; done
  done
  echo '2025,G09,A1,2,0,'; echo '2025,G09,A1,4,0,' # no accidents: full 30 both times
  # expected 100×20% = 20 at Q2 (20 done: 30 points; 12 with the default 50 %) and 100 at Q4
  # (90 done: 27)
  echo '2025,G10,A1,2,20,'; echo '2025,G10,A1,4,90,'
  echo '2025,G11,A1,2,0,30' # no Q4 row: 0 at year-end, 数据不全
  for i in 1 2 3 4 5 6 7 8 9; do
    echo "2025,S$i,A1,2,0,$((91 - i))"; echo "2025,S$i,A1,4,0,$((91 - i))" # K 90, 89, ..., 82
  done
} >"$work/progress.csv"

{
  echo '年度,单位编码,日期,类型,分值,事由'
  echo '2025,G01,2025-04-16,查访核验,1,不在岗'
  echo '2025,G01,2025-05-20,查访核验,0.5,窗口空岗'
  echo '2025,G01,2025-06-20,投诉查处,0.5,政策解释不清'
  # G07: 20 × 0.1 = exactly the cap of 2; G08: 21 × 0.1 (0.1 cut) and 3 × 0.7 complaints
  for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
    echo "2025,G07,2025-03-$d,查访核验,0.1,记录$d"
    echo "2025,G08,2025-03-$d,查访核验,0.1,记录$d"
  done
  echo '2025,G08,2025-03-21,查访核验,0.1,记录21'
  echo '2025,G08,2025-07-01,投诉查处,0.7,投诉1'
  echo '2025,G08,2025-07-02,投诉查处,0.7,投诉2'
  echo '2025,G08,2025-07-03,投诉查处,0.7,投诉3'
  echo '2025,S1,2025-08-14,一票否决,,重大安全责任事故'
} >"$work/ledger.csv"

{
  echo '年度,单位编码,公众评议得分'
  echo '2025,G01,86.4'
  for u in G02 G03 G04 G05 G06; do echo "2025,$u,70"; done
  for u in G07 G08 G10 S1 S2 S3 S4 S5 S6 S7 S8 S9; do echo "2025,$u,80"; done
  echo '2025,G09,90' # G11 has none
} >"$work/appraisals.csv"

for kind in units targets progress ledger appraisals; do
  expect_ok "$KAOPING_BIN" --db "$db" import "$kind" "$work/$kind.csv"
done

expect_ok kp rank --year 2025 --format csv
csv="$work/rank.csv"
cp "$last_out" "$csv"
row() { grep -F "\"$1\"," "$csv" | tr -d '\r'; }
want() { [ "$(row "$1")" = "$2" ] || fail "$1: got $(row "$1"), want $2"; }
head -c 3 "$csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "csv has no BOM"
[ "$(grep -c $'\r$' "$csv")" = "$(wc -l <"$csv")" ] || fail "csv lines are not CRLF"
[ "$(head -1 "$csv" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')" = '"排名","单位编码","单位名称","分组","半年初评","年终总评","集中考核","公众评议","公众评议折算","查访核验扣分","投诉查处扣分","加分","总分","等次","否决","数据不全"' ] ||
  fail "csv header"
#          rank  code   name          pool        K_H      K_Y      C        P        A       D_i     D_c     B       T        grade  veto incomplete
want G09 '"1","G09","县应急管理局","县直部门","90.00","90.00","90.00","90.00","9.00","0.00","0.00","0.00","99.00","优秀","",""'
want G10 '"2","G10","县林业局","县直部门","90.00","87.00","88.00","80.00","8.00","0.00","0.00","0.00","96.00","优秀","",""'
want G02 '"3","G02","县财政局","县直部门","83.00","83.00","83.00","70.00","7.00","0.00","0.00","0.00","90.00","优秀","",""'
want G05 '"3","G05","县水利局","县直部门","83.00","83.00","83.00","70.00","7.00","0.00","0.00","0.00","90.00","优秀","",""'
want G06 '"3","G06","县审计局","县直部门","83.00","83.00","83.00","70.00","7.00","0.00","0.00","0.00","90.00","优秀","",""'
want G01 '"6","G01","县教育局","县直部门","80.00","84.00","82.67","86.40","8.64","1.50","0.50","0.00","89.31","良好","",""'
want G07 '"7","G07","县司法局","县直部门","80.00","80.00","80.00","80.00","8.00","2.00","0.00","0.00","86.00","良好","",""'
want G08 '"8","G08","县民政局","县直部门","80.00","80.00","80.00","80.00","8.00","2.00","2.00","0.00","84.00","良好","",""'
want G04 '"9","G04","县统计局","县直部门","72.99","72.99","72.99","70.00","7.00","0.00","0.00","0.00","79.99","合格","",""'
want G03 '"10","G03","县档案局","县直部门","63.00","63.00","63.00","70.00","7.00","0.00","0.00","0.00","70.00","合格","",""'
want G11 '"10","G11","县商务局","县直部门","90.00","60.00","70.00","0.00","0.00","0.00","0.00","0.00","70.00","合格","","是"'
want S2 '"1","S2","驻县单位2","驻县单位","89.00","89.00","89.00","80.00","8.00","0.00","0.00","0.00","97.00","优秀","",""'
want S9 '"8","S9","驻县单位9","驻县单位","82.00","82.00","82.00","80.00","8.00","0.00","0.00","0.00","90.00","优秀","",""'
want S1 '"9","S1","驻县单位1","驻县单位","90.00","90.00","90.00","80.00","8.00","0.00","0.00","0.00","98.00","不合格","是",""'

expect_ok kp export ranking --year 2025 -o "$work/export.csv"
expect_same "$csv" "$work/export.csv"

expect_ok kp rank --year 2025 --format json
python3 - "$last_out" <<'PY' || fail "json rows"
import json, sys
rows = {r["code"]: r for r in json.load(open(sys.argv[1]))}
keys = ["rank", "code", "name", "pool", "half_year", "year_end", "key_score", "appraisal",
        "inspection", "complaint", "bonus", "total", "grade", "veto", "incomplete"]
assert all(list(r) == keys for r in rows.values()), "json keys"
assert rows["G11"]["incomplete"] is True and rows["G01"]["incomplete"] is False
assert (rows["S1"]["rank"], rows["S1"]["veto"], rows["S1"]["grade"]) == (9, True, "不合格")
assert rows["G02"]["total"] == 90.0 and rows["G02"]["grade"] == "优秀"
PY

expect_ok kp rank --year 2025 --pool 县直部门
grep -q '^  10  G11 .* 70.00  合格  数据不全$' "$last_out" || fail "table: G11 flagged 数据不全"

expect_ok kp explain --year 2025 G01
expect_stdout_has '集中考核 80.00×30/90 + 84.00×60/90 = 82.67; 公众评议 86.4×10% = 8.64; 查访核验 −1.50; 投诉查处 −0.50; 总分 89.31 → 良好'
expect_ok kp explain --year 2025 G06
expect_stdout_has '(各项按未舍入的精确值相加, 只在总分处四舍五入一次: 集中考核 82.995000, 总分 89.995000)'
expect_stdout_has '排名: 县直部门 第 3 名 (共 11 个单位), 与 G02 县财政局, G05 县水利局 并列'
expect_ok kp explain --year 2025 G07
expect_stdout_has '查访核验合计 2.00, 上限 2, 实扣 2.00'
expect_stdout_lacks '超出上限不计'
expect_ok kp explain --year 2025 G08
expect_stdout_has '2025-03-21 查访核验 0.10 (记录21) 计入 0.00, 超出上限不计 0.10'
expect_stdout_has '2025-07-03 投诉查处 0.70 (投诉3) 计入 0.60, 超出上限不计 0.10'
expect_ok kp explain --year 2025 G10
grep -q 'A1 .* 比例 .* 30 .* 100 .*|  *20  *20  *30.00  |  *100  *90  *27.00$' "$last_out" ||
  fail "G10: expected 20 at Q2 from its own schedule"
expect_ok kp explain --year 2025 G09
grep -q 'A1 .* 反向 .* |  *1  *0  *30.00  |  *2  *0  *30.00$' "$last_out" || fail "G09 inverse, actual 0"
expect_ok kp explain --year 2025 G11
expect_stdout_has '数据不全: 有指标缺少半年 (第2季度) 或年终 (第4季度) 进度; 没有公众评议。'
expect_ok kp explain --year 2025 S1
expect_stdout_has '排名: 驻县单位 第 9 名 (共 9 个单位)'
finish
