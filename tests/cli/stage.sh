# Approved targets, adjustments and the 半年初评 stage (docs/scoring.md "Approved targets and
# adjustments", "Stages"), on the two-unit county of tests/data/stage, year 2026, qitai scheme
# (key points 90 = 30+30+20+10). Hand computation:
#   T01: A1 评分 30, B1 比例 9 points target 220 (Q2 actual 88, Q3 120, Q4 160), B2 评分 21,
#        C1 评分 20, D1 评分 10; 公众评议 90; 查访核验 0.5 on 2026-05-10.
#        K_H = 30 + 9×88/110 + 21 + 20 + 10 = 30 + 7.20 + 51 = 88.20.
#   T02: same but B1 target 100 (Q2 46, Q4 100); 公众评议 80; 查访核验 1 on 2026-09-10.
#        K_H = 30 + 9×46/50 + 51 = 30 + 8.28 + 51 = 89.28.
# Half-year stage = K_H × 100/90 + bonus − deductions dated ≤ 2026-06-30:
#   T01 88.20×100/90 = 98.00 − 0.50 = 97.50; T02 89.28×100/90 = 99.20 (its 09-10 record comes
#   after the half-year) → T02 first, T01 second, both 优秀 (≥ 90).
# The issue's bug: B1 220 → 150 in September made T01's half-year B1 9.00 (88 ≥ 75), K_H 90,
#   stage 100 − 0.5 = 99.50, and T01 first. With the adjustment from Q3 it stays 7.20.
# Year-end (after Q4, B1 target 150 from Q3: 160 ≥ 150 → 9): K_Y = 90 for both;
#   T01 = 88.20×30/90 + 90×60/90 + 90×10% − 0.5 = 29.40 + 60 + 9 − 0.5 = 97.90;
#   T02 = 89.28×30/90 + 60 + 8 − 1 = 29.76 + 67 = 96.76.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/stage.db"
data="$KAOPING_SRC/tests/data/stage"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
for k in units targets progress appraisals ledger; do
  expect_ok kp import "$k" "$data/$k.csv"
done

# The half-year stage before anything is approved or adjusted.
cat >"$work/half.txt" <<'EOF'
2026 年度半年初评排名  考核方案 qitai  并列占位 (1,2,2,4)  一票否决 fail
半年初评阶段: 阶段得分 = 半年初评 × 100 / 集中考核满分 + 加分 − 扣分 (加减分台账截至 2026-06-30; 不含年终总评和公众评议)

县直部门  2 个单位
排名  编码  单位名称      半年初评  折算得分  查访核验  投诉查处  加分  阶段得分  等次  备注
   1  T02   县住建局         89.28     99.20      0.00      0.00  0.00     99.20  优秀
   2  T01   县交通运输局     88.20     98.00      0.50      0.00  0.00     97.50  优秀
EOF
expect_ok kp rank --year 2026 --stage half
expect_same "$last_out" "$work/half.txt"
# In July the year-end ranking shows everyone 不合格 (K_Y still 0): 88.20×30/90 + 9 − 0.5 =
# 37.90; the half-year stage does not.
expect_ok kp rank --year 2026
expect_stdout_has "37.90  不合格"
expect_ok kp rank --year 2026 --stage half --format json
expect_stdout_has '"code": "T01", "name": "县交通运输局", "pool": "县直部门", "half_year": 88.20, "key_score": 98.00, "inspection": 0.50, "complaint": 0.00, "bonus": 0.00, "total": 97.50, "grade": "优秀"'
# The CSV has the half-year table's columns (with 分组, 否决 and 数据不全 as in export ranking):
# the numbers of the table above, BOM, CRLF, every cell quoted.
expect_ok kp rank --year 2026 --stage half --format csv
printf '\357\273\277"排名","单位编码","单位名称","分组","半年初评","折算得分","查访核验扣分","投诉查处扣分","加分","阶段得分","等次","否决","数据不全"\r\n"1","T02","县住建局","县直部门","89.28","99.20","0.00","0.00","0.00","99.20","优秀","",""\r\n"2","T01","县交通运输局","县直部门","88.20","98.00","0.50","0.00","0.00","97.50","优秀","",""\r\n' >"$work/half.csv"
expect_same "$last_out" "$work/half.csv"
expect_ok kp rank --year 2026 --stage half --format csv --pool 乡镇
expect_stdout_lacks "T01"
expect_status 2 kp rank --year 2026 --stage quarter

# Approval; then a change without reason is refused, naming the file and line; nothing written.
expect_status 2 kp targets approve --year 2026 --all
expect_ok kp targets approve --year 2026 --approved-by 县政府 --date 2026-03-20 --all
expect_stdout_has "2026 年度批复了 2 个单位的任务书 (2026-03-20, 县政府)"
expect_status 3 kp targets approve --year 2026 --approved-by 县政府 T01
expect_stderr_has "已于 2026-03-20 由 县政府 批复"
expect_status 3 kp import targets "$data/targets_adjusted.csv"
expect_stderr_has "targets_adjusted.csv:3: 2026 年度单位 T01 的任务书已批复: 修改指标 B1 的目标值是目标调整"
expect_status 2 kp import targets "$data/targets_adjusted.csv" --reason 下调
expect_ok kp targets adjustments --year 2026
expect_stdout_has "2026 年度目标调整: 0 条"

# The adjustment from Q3, with reason and approver: listed, and the half-year unchanged.
expect_ok kp import targets "$data/targets_adjusted.csv" --reason 上级下调年度计划 \
  --approved-by 县绩效办主任 --from-quarter 3
expect_stdout_has "新增 0, 更新 1, 未变 9"
expect_ok kp targets adjustments --year 2026
expect_stdout_has "2026 年度目标调整: 1 条"
expect_stdout_has "T01   B1    目标值     220   150  第3季度  上级下调年度计划  县绩效办主任"
expect_ok kp rank --year 2026 --stage half
expect_same "$last_out" "$work/half.txt"
# The adjustment columns of the file take precedence over nothing: a second change (points)
# given in the row itself; a new item and a deletion are refused once approved.
{
  echo '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,计量单位,调整原因,批准人,起始季度'
  echo '2026,T02,D1,专项考核,专项考核,10,评分,10,分,,,'
  echo '2026,T02,E9,专项考核,新增指标,1,评分,1,分,,,'
} >"$work/new_item.csv"
expect_status 3 kp import targets "$work/new_item.csv"
expect_stderr_has "不能新增指标 E9"

# Q4 arrives: the year-end uses 150 for B1 (9.00), the half-year still 220 (7.20).
expect_ok kp import progress "$data/progress_q4.csv"
expect_ok kp rank --year 2026
expect_stdout_has "   1  T01   县交通运输局     88.20     90.00     89.40     90.00      0.50      0.00  0.00  97.90  优秀"
expect_stdout_has "   2  T02   县住建局         89.28     90.00     89.76     80.00      1.00      0.00  0.00  96.76  优秀"

# explain shows both values and the adjustment (the recording date is today's: masked).
cat >"$work/explain.txt" <<'EOF'
  B1    农村公路建设  比例     9  150 公里  |      110        88      7.20  |      150       160      9.00
目标调整 (任务书批复后; 每个检查点按当时有效的值计分和监控):
  B1 农村公路建设 目标值 220 → 150, 自第3季度起 (DATE 记录; 原因: 上级下调年度计划; 批准人: 县绩效办主任)
      半年初评 (第2季度) 按 220, 年终总评 (第4季度) 按 150
半年初评 K_H = 88.20 (满分 90); 年终总评 K_Y = 90.00 (满分 90)
集中考核 88.20×30/90 + 90.00×60/90 = 89.40; 公众评议 90×10% = 9.00; 查访核验 −0.50; 投诉查处 0.00; 总分 97.90 → 优秀
半年初评阶段: 88.20×100/90 = 98.00; 查访核验 −0.50; 投诉查处 0.00; 加分 +0.00 (台账截至 2026-06-30); 阶段得分 97.50 → 优秀
      半年初评排名: 县直部门 第 2 名 (共 2 个单位)
半年初评: 尚未发布
年终总评: 尚未发布
EOF
expect_ok kp explain --year 2026 T01
sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} 记录/DATE 记录/' "$last_out" |
  grep -E '^  B1 |^目标调整|^  B1 农村|^      半年初评 \(|^半年初评 K_H|^集中考核|^半年初评阶段|^      半年初评排名|^半年初评:|^年终总评:' >"$work/explain.got"
expect_same "$work/explain.got" "$work/explain.txt"

# Publishing the half-year; a later change (a 2026-06-15 complaint for T02, 0.5) moves the
# live stage (99.20 − 0.50 = 98.70) but not the snapshot, and the ranking says so.
expect_ok kp publish --year 2026 --stage half
expect_stdout_has "2026 年度半年初评已发布: 2 个单位"
expect_status 3 kp publish --year 2026 --stage half
expect_stderr_has "发布的结果不能改动"
printf '年度,单位编码,日期,类型,方式,事由,分值\n2026,T02,2026-06-15,投诉查处,12345热线,窗口推诿,0.5\n' >"$work/late.csv"
expect_ok kp import ledger "$work/late.csv"
expect_ok kp rank --year 2026 --stage half
expect_stdout_has "   1  T02   县住建局         89.28     99.20      0.00      0.50  0.00     98.70  优秀  发布时 99.20 第1名 优秀"
expect_stdout_has "与发布结果不同: 1 个单位"
expect_ok kp explain --year 2026 T02
expect_stdout_has "已发布的半年初评 ("
expect_stdout_has "): 99.20 第 1 名 优秀; 此后数据有改动, 发布结果不变"
expect_stdout_has "      现在: 98.70 第 1 名 优秀"

# The lock keeps the year-end: locking publishes it when not yet published.
expect_ok kp lock --year 2026
expect_stdout_has "2026 年度年终总评尚未发布, 已随审定一并发布 (快照)"
expect_ok kp rank --year 2026
expect_stdout_has "与发布结果一致"
expect_status 3 kp publish --year 2026 --stage year

# A scheme without a half-year (beijing) has no half-year stage.
expect_ok kp unlock --year 2026 --reason 测试北京方案
expect_ok kp scheme use beijing --year 2026 --keep-categories
expect_status 3 kp rank --year 2026 --stage half
expect_stderr_has "没有半年初评"
finish
