# Golden test of rank and explain under the zhengding and hangzhou presets, with the score
# sources' scores entered the way operators enter them (kaoping import scores, appraisals).
# Every total below is computed by hand from docs/scoring.md ("Score sources"):
#   W_p = half + year − Σ non-bonus shares of the pool's sources (what the key items carry)
#   C   = (K_H × half + K_Y × year) / key_points_p × W_p / (half + year)
#   a percent source's part = Σ scores × share / (100 × n); points: Σ scores / n (bonus: at
#   most its share); the 公众评议 record counts as one more score of an `appraisal = yes` source
#   T   = C + Σ parts + B − D_i − D_c, rounded once to 2 decimals; bands 90 / 80 / 70.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

kp() { "$KAOPING_BIN" --db "$db" "$@"; }
import_all() {
  for kind in "$@"; do expect_ok kp import "$kind" "$work/$kind.csv"; done
}
# row CSV CODE: the unit's ranking row without quotes and CR.
row() { grep -F "\"$2\"," "$1" | tr -d '\r"'; }
want_row() { [ "$(row "$1" "$2")" = "$3" ] || fail "$2: got $(row "$1" "$2"), want $3"; }

# ---------------------------------------------------------------------------------------
# zhengding, 2026: half 50, year 50, appraisal 0. Sources: 领导评估 10 (percent; 乡镇 and the
# department pools), 领导评估 30 (percent; 古城), 公众评估 30 (percent; departments; the
# 公众评议 record counts). So W = 90 (乡镇), 60 (县直部门), 70 (古城), equal to each pool's
# category points, and C = (K_H + K_Y) / 2 × W / key_points = (K_H + K_Y) / 2.
db="$work/zhengding.db"
printf '单位编码,单位名称,分组\nT01,南牛乡,乡镇\nD01,县教育局,县直部门\nD02,县财政局,县直部门\n' \
  >"$work/units.csv"
import_all units
expect_ok kp scheme use zhengding --year 2026 # a new year from the preset: it brings 古城
expect_stdout_has "2026 年度已按方案 zhengding"
printf 'G01,县住建局,古城\nG02,县文管局,古城\n' >>"$work/units.csv"
import_all units

{
  echo '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值'
  echo '2026,T01,A1,全局性重点工作,重点工作,15,评分,15'
  echo '2026,T01,B1,经济发展,经济发展,20,评分,20'
  echo '2026,T01,C1,社会发展,社会发展,15,评分,15'
  echo '2026,T01,D1,公共管理服务,公共管理服务,20,评分,20'
  echo '2026,T01,E1,作风效能建设,作风效能,10,评分,10'
  echo '2026,T01,F1,专项考核,专项考核,10,评分,10'
  for u in D01 D02; do
    echo "2026,$u,A1,经济发展,经济发展,20,评分,20"
    echo "2026,$u,B1,业务工作,业务工作,20,评分,20"
    echo "2026,$u,C1,优化发展环境工作,优化环境,20,评分,20"
  done
  for u in G01 G02; do echo "2026,$u,A1,古城风貌恢复工作,古城风貌恢复,70,评分,70"; done
} >"$work/targets.csv"
# q UNIT ITEM Q2 Q4: the 评分 of an item at both checkpoints.
q() { echo "2026,$1,$2,2,0,$3"; echo "2026,$1,$2,4,0,$4"; }
{
  echo '年度,单位编码,指标编码,季度,累计完成值,评分'
  # T01: K_H = 12+18+12+15+8+7 = 72, K_Y = 14+18+13+18+9+9 = 81
  q T01 A1 12 14; q T01 B1 18 18; q T01 C1 12 13; q T01 D1 15 18; q T01 E1 8 9; q T01 F1 7 9
  # D01: K_H = 16+16+16 = 48, K_Y = 18+18+18 = 54; D02: full marks, K_H = K_Y = 60
  q D01 A1 16 18; q D01 B1 16 18; q D01 C1 16 18
  q D02 A1 20 20; q D02 B1 20 20; q D02 C1 20 20
  q G01 A1 63 66.5 # K_H = 63, K_Y = 66.5
  q G02 A1 70 70
} >"$work/progress.csv"
printf '年度,单位编码,公众评议得分\n2026,D01,85\n' >"$work/appraisals.csv"
{
  echo '年度,单位编码,来源,分值,评分单位,日期'
  echo '2026,T01,领导评估,88,县委,2026-07-15'    # mid-term
  echo '2026,T01,领导评估,93,县政府,2026-12-28'  # year-end
  for d in 03-31:80 06-30:84 09-30:86 12-31:90; do # quarterly, 25 % each
    echo "2026,D01,公众评估,${d#*:},公众评估,2026-${d%:*}"
  done
  echo '2026,D01,领导评估,92,县委,2026-12-28'
  echo '2026,D02,公众评估,100,公众评估,2026-12-31' # D02 has no 领导评估: 数据不全
  echo '2026,G01,领导评估,90,县委,2026-10-31'      # 古城: monthly, averaged
  echo '2026,G01,领导评估,95,县委,2026-11-30'
  echo '2026,G01,领导评估,97,古城风貌恢复工作主管领导,2026-12-31'
  echo '2026,G02,领导评估,80,县委,2026-12-31'
} >"$work/scores.csv"
import_all targets progress appraisals scores

# T01: C = (72 + 81)/2 = 76.50; 领导评估 (88 + 93)/2 × 10% = 9.05; T = 85.55 → 良好.
# D01: C = (48 + 54)/2 = 51.00; 公众评估 (80 + 84 + 86 + 90 + 85 [the 公众评议 record])/5
#      = 85 × 30% = 25.50; 领导评估 92 × 10% = 9.20; T = 85.70 → 良好, rank 2.
# D02: C = 60.00; 公众评估 100 × 30% = 30.00; 领导评估 none: 0, 数据不全; T = 90.00 → 优秀.
# G01: C = (63 + 66.5)/2 = 64.75; 领导评估 (90 + 95 + 97)/3 = 94 × 30% = 28.20;
#      T = 92.95 → 优秀, rank 2 of 古城.
# G02: C = 70.00; 领导评估 80 × 30% = 24.00; T = 94.00 → 优秀, rank 1.
# CSV: the 15 columns (公众评议 raw P is 0.00 without a record; A is 0: no appraisal share), then one column
# per source name in scheme order: 领导评估, 公众评估.
expect_ok kp rank --year 2026 --format csv
csv="$work/zhengding.csv"
cp "$last_out" "$csv"
head -1 "$csv" | sed 's/^\xef\xbb\xbf//' | tr -d '\r"' | grep -q ',数据不全,领导评估,公众评估$' ||
  fail "source columns: $(head -1 "$csv")"
want_row "$csv" T01 "1,T01,南牛乡,乡镇,72.00,81.00,76.50,0.00,0.00,0.00,0.00,0.00,85.55,良好,,,9.05,"
want_row "$csv" D02 "1,D02,县财政局,县直部门,60.00,60.00,60.00,0.00,0.00,0.00,0.00,0.00,90.00,优秀,,是,0.00,30.00"
want_row "$csv" D01 "2,D01,县教育局,县直部门,48.00,54.00,51.00,85.00,0.00,0.00,0.00,0.00,85.70,良好,,,9.20,25.50"
want_row "$csv" G02 "1,G02,县文管局,古城,70.00,70.00,70.00,0.00,0.00,0.00,0.00,0.00,94.00,优秀,,,24.00,"
want_row "$csv" G01 "2,G01,县住建局,古城,63.00,66.50,64.75,0.00,0.00,0.00,0.00,0.00,92.95,优秀,,,28.20,"

# The table: 古城 is ranked as a block of its own, after the four pools of daily work.
expect_ok kp rank --year 2026
blocks=$(grep '个单位$' "$last_out" | tr '\n' '/')
[ "$blocks" = "乡镇  1 个单位/县直部门  2 个单位/古城  2 个单位/" ] || fail "pool blocks: $blocks"
expect_stdout_has "   1  G02   县文管局     70.00     70.00     70.00      0.00      0.00      0.00  0.00     24.00            94.00  优秀"

# explain: each source as a term with its raters.
expect_ok kp explain --year 2026 T01
expect_stdout_has "集中考核 72.00×45/90 + 81.00×45/90 = 76.50"
expect_stdout_has "领导评估 (88+93)/2×10% = 9.05（县委、县政府）"
expect_stdout_has "总分 85.55 → 良好"
expect_ok kp explain --year 2026 D01
expect_stdout_has "公众评估 (80+84+86+90+85)/5×30% = 25.50"
expect_stdout_has "领导评估 92×10% = 9.20（县委）"
expect_stdout_has "总分 85.70 → 良好"
expect_ok kp explain --year 2026 D02
expect_stdout_has "领导评估 未录入 = 0.00"
expect_ok kp explain --year 2026 G01
expect_stdout_has "集中考核 63.00×35/70 + 66.50×35/70 = 64.75"
expect_stdout_has "领导评估 (90+95+97)/3×30% = 28.20（县委、古城风貌恢复工作主管领导）"
expect_stdout_has "总分 92.95 → 优秀"

# check names the missing score (D02's 领导评估; the 古城 row has all its scores).
expect_status 0 kp check
expect_stdout_has "2026 年度有 1 个单位没有评分来源「领导评估」的得分"
expect_stdout_lacks "评分来源「公众评估」的得分"

# A score outside the scale is refused by cell, nothing written.
printf '年度,单位编码,来源,分值,评分单位,日期\n2026,G02,领导评估,101,县委,2026-12-30\n' \
  >"$work/bad.csv"
expect_status 3 kp import scores "$work/bad.csv"
expect_stderr_has "bad.csv:2"
expect_ok kp rank --year 2026 --format csv
want_row "$last_out" G02 "1,G02,县文管局,古城,70.00,70.00,70.00,0.00,0.00,0.00,0.00,0.00,94.00,优秀,,,24.00,"

# ---------------------------------------------------------------------------------------
# hangzhou, 2026: half 0, year 100, appraisal 0; 社会评价 50 (percent; the 公众评议 record
# counts), 领导考评 5 (percent), 创新创优 (points, bonus, at most 3). W = 100 − 55 = 45 =
# the categories 职能目标 30 + 共性目标 15, so C = K_Y × 100/45 × 45/100 = K_Y. No Q2 rows:
# the half-year share is 0, so they are not missing.
db="$work/hangzhou.db"
printf '单位编码,单位名称,分组\nH1,市发改委,县直部门\nH2,市财政局,县直部门\nH3,某街道,乡镇\n' \
  >"$work/units.csv"
import_all units
expect_ok kp scheme use hangzhou --year 2026
{
  echo '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值'
  for u in H1 H2 H3; do
    echo "2026,$u,A1,职能目标,职能目标,30,评分,30"
    echo "2026,$u,B1,共性目标,共性目标,15,评分,15"
  done
} >"$work/targets.csv"
{
  echo '年度,单位编码,指标编码,季度,累计完成值,评分'
  echo '2026,H1,A1,4,0,28'; echo '2026,H1,B1,4,0,12.5' # K_Y = 40.5
  echo '2026,H2,A1,4,0,30'; echo '2026,H2,B1,4,0,15'   # K_Y = 45
  echo '2026,H3,A1,4,0,24'; echo '2026,H3,B1,4,0,12'   # K_Y = 36
} >"$work/progress.csv"
printf '年度,单位编码,公众评议得分\n2026,H1,88\n2026,H2,90\n' >"$work/appraisals.csv"
{
  echo '年度,单位编码,来源,分值,评分单位,日期'
  echo '2026,H1,领导考评,90,市委书记,2026-12-20'
  echo '2026,H1,领导考评,95,市长,2026-12-20'
  echo '2026,H1,领导考评,85,市人大主任,2026-12-20'
  echo '2026,H1,创新创优,2.5,专家评估,2026-12-01'
  echo '2026,H2,社会评价,80,市考评办,2026-12-15'
  echo '2026,H3,社会评价,70,市考评办,2026-12-15'
  echo '2026,H3,领导考评,80,市长,2026-12-20'
  echo '2026,H3,创新创优,4,专家评估,2026-12-01' # above its 3: kept, counts 3
} >"$work/scores.csv"
printf '年度,单位编码,日期,类型,分值,事由\n2026,H1,2026-05-06,查访核验,0.5,窗口空岗\n' \
  >"$work/ledger.csv"
import_all targets progress appraisals scores ledger

# H1: C = 40.50; 社会评价 88 (the record) × 50% = 44.00; 领导考评 (90 + 95 + 85)/3 = 90 × 5%
#     = 4.50; 创新创优 +2.50 (within its 3); 查访核验 −0.50; T = 91.00 → 优秀, rank 1.
# H2: C = 45.00; 社会评价 (80 + 90 [record])/2 = 85 × 50% = 42.50; 领导考评 none: 0,
#     数据不全; 创新创优 none: a bonus is never missing; T = 87.50 → 良好, rank 2.
# H3: C = 36.00; 社会评价 70 × 50% = 35.00; 领导考评 80 × 5% = 4.00; 创新创优 4, capped at
#     its share: +3.00; T = 78.00 → 合格.
expect_ok kp rank --year 2026 --format csv
csv="$work/hangzhou.csv"
cp "$last_out" "$csv"
head -1 "$csv" | sed 's/^\xef\xbb\xbf//' | tr -d '\r"' | grep -q ',数据不全,社会评价,领导考评,创新创优$' ||
  fail "source columns: $(head -1 "$csv")"
want_row "$csv" H1 "1,H1,市发改委,县直部门,0.00,40.50,40.50,88.00,0.00,0.50,0.00,0.00,91.00,优秀,,,44.00,4.50,2.50"
want_row "$csv" H2 "2,H2,市财政局,县直部门,0.00,45.00,45.00,90.00,0.00,0.00,0.00,0.00,87.50,良好,,是,42.50,0.00,0.00"
want_row "$csv" H3 "1,H3,某街道,乡镇,0.00,36.00,36.00,0.00,0.00,0.00,0.00,0.00,78.00,合格,,,35.00,4.00,3.00"

expect_ok kp explain --year 2026 H1
expect_stdout_has "集中考核 0.00×0/45 + 40.50×45/45 = 40.50"
expect_stdout_has "社会评价 88×50% = 44.00（公众评议）"
# Scores of one day are listed by rater (the same order every time).
expect_stdout_has "领导考评 (85+90+95)/3×5% = 4.50（市人大主任、市委书记、市长）"
expect_stdout_has "创新创优 2.5 → +2.50（专家评估）"
expect_stdout_has "查访核验 −0.50"
expect_stdout_has "总分 91.00 → 优秀"
expect_ok kp explain --year 2026 H2
expect_stdout_has "社会评价 (80+90)/2×50% = 42.50"
expect_stdout_has "领导考评 未录入 = 0.00"
expect_stdout_has "总分 87.50 → 良好"
expect_ok kp explain --year 2026 H3
expect_stdout_has "创新创优 4 → +3.00（专家评估）"
expect_stdout_has "总分 78.00 → 合格"
expect_ok kp check
expect_stdout_has "2026 年度有 1 个单位没有评分来源「领导考评」的得分"
expect_stdout_lacks "评分来源「创新创优」的得分"

finish
