# Progress rows (issue 15 item 5, issue 17 item 5; docs/csv.md, docs/scoring.md "更正",
# docs/monitoring.md): a 评分 item's row with only its score, the 更正 rule (a cumulative value
# below the previous quarter's is refused unless the row is marked 更正 = 是, then stored as a
# correction), and the decision on a warned item (处置决定 with its 决定日期). On the two-unit
# county of tests/data/stage (2026, qitai): T01 A1 评分 30 points (target 30), B1 比例 9 points
# target 220 with Q2 actual 88 stored.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/p.db"
data="$KAOPING_SRC/tests/data/stage"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
for k in units targets progress; do
  expect_ok kp import "$k" "$data/$k.csv"
done
audit0=$(q "SELECT count(*) FROM audit")
H='年度,单位编码,指标编码,季度,累计完成值,累计支出,评分'

# --- 评分 items need only a score ------------------------------------------------------------
# A ratio item's row without 累计完成值 is refused, naming the line and column; nothing written.
printf '%s\n2026,T01,A1,4,,,27\n2026,T01,B1,4,,,\n' "$H" >"$work/only_score.csv"
expect_status 3 kp import progress "$work/only_score.csv"
expect_stderr_has "only_score.csv:3: 列 累计完成值: 不能为空 (指标 B1)"
[ "$(q "SELECT count(*) FROM audit")" = "$audit0" ] || fail "a refused import wrote"
# The 评分 item's row alone goes in, stored without an actual.
printf '%s\n2026,T01,A1,4,,,27\n' "$H" >"$work/only_score.csv"
expect_ok kp import progress "$work/only_score.csv"
[ "$(q "SELECT coalesce(actual, 'NULL') || '/' || score FROM progress WHERE year = 2026 AND unit = 'T01' AND item = 'A1' AND quarter = 4")" = "NULL/27.0" ] ||
  fail "A1 Q4 not stored as score only"
# A 评分 row without a score is still refused.
printf '%s\n2026,T01,A1,3,,,\n' "$H" >"$work/no_score.csv"
expect_status 3 kp import progress "$work/no_score.csv"
expect_stderr_has "累计完成值: 不能为空 (评分指标 A1 可只填评分)"
# Monitored by the score: 27 of 30 points = 90.00 % at Q4 (序时 100): lag 10.00 > 5 → 黄色预警.
expect_ok kp monitor --year 2026 --quarter 4 --unit T01 --all --format json
expect_stdout_has '"unit": "T01", "item": "A1", "quarter": 4, "schedule": 100.00, "completion": 90.00, "execution": null, "completion_lag": 10.00, "execution_lag": null, "completion_level": "yellow"'
# Scored by it: explain shows 评分 27 for A1 at the year-end.
expect_ok kp explain --year 2026 T01
expect_stdout_has "评分 27"
audit1=$(q "SELECT count(*) FROM audit")

# --- 更正 ---------------------------------------------------------------------------------
# Q3 below Q2's stored 88: refused, naming line, column and both values.
printf '%s\n2026,T01,B1,3,80,,\n' "$H" >"$work/drop.csv"
expect_status 3 kp import progress "$work/drop.csv"
expect_stderr_has "drop.csv:2: 列 累计完成值: T01 B1 第 3 季度累计完成值 80 小于上季度的 88 (数据库中)"
expect_stderr_has "在「更正」列填 是"
# Inside one file: Q1 spending 10, Q2 spending 8 (file rows compared with each other).
printf '%s\n2026,T02,B1,1,20,10,\n2026,T02,B1,2,46,8,\n' "$H" >"$work/drop_spent.csv"
expect_status 3 kp import progress "$work/drop_spent.csv"
expect_stderr_has "drop_spent.csv:3: 列 累计支出: T02 B1 第 2 季度累计支出 8 小于上季度的 10"
[ "$(q "SELECT count(*) FROM audit")" = "$audit1" ] || fail "refused imports wrote"
# A value that is not a yes or no in 更正 is refused.
printf '%s,更正\n2026,T01,B1,3,80,,,也许\n' "$H" >"$work/bad_mark.csv"
expect_status 3 kp import progress "$work/bad_mark.csv"
expect_stderr_has "bad_mark.csv:2: 列 更正: 「也许」应为 是 或 否"
# Marked: stored, as a correction, audited with the mark.
printf '%s,更正,处置决定,决定日期\n2026,T01,B1,3,80,,,是,暂缓,2026-10-12\n' "$H" >"$work/fix.csv"
expect_ok kp import progress "$work/fix.csv"
[ "$(q "SELECT actual || '/' || corrected || '/' || decision || '/' || decision_on FROM progress WHERE year = 2026 AND unit = 'T01' AND item = 'B1' AND quarter = 3")" = "80.0/1/defer/2026-10-12" ] ||
  fail "B1 Q3 not stored as a correction with its decision"
[ "$(q "SELECT count(*) FROM audit WHERE tbl = 'progress' AND row_key = '2026/T01/B1/Q3' AND json_extract(new, '\$.corrected') = 1")" = 1 ] ||
  fail "the correction is not in the audit log"
# A mark on a row that is not below its previous quarter is not stored.
printf '%s,更正\n2026,T02,B1,3,60,,,是\n' "$H" >"$work/no_drop.csv"
expect_ok kp import progress "$work/no_drop.csv"
[ "$(q "SELECT corrected FROM progress WHERE year = 2026 AND unit = 'T02' AND item = 'B1' AND quarter = 3")" = 0 ] ||
  fail "a mark without a drop was stored"

# --- 处置决定 ------------------------------------------------------------------------------
printf '%s,处置决定,决定日期\n2026,T02,B1,3,60,,,取消,2026-10-12\n' "$H" >"$work/bad_decision.csv"
expect_status 3 kp import progress "$work/bad_decision.csv"
expect_stderr_has "bad_decision.csv:2: 列 处置决定: 「取消」不是处置决定 (应为 继续、调整、暂缓 或 停止)"
printf '%s,处置决定,决定日期\n2026,T02,B1,3,60,,,停止,\n' "$H" >"$work/no_date.csv"
expect_status 3 kp import progress "$work/no_date.csv"
expect_stderr_has "no_date.csv:2: 列 决定日期: 不能为空 (填了处置决定时要写决定日期)"

# Shown: the monitor's table (B1 80 of 220 at Q3 = 36.36 %, lag 38.64: 红色预警), the export
# (columns 处置决定, 决定日期, 更正) and the 双监控通报's 红黄预警 sheet.
expect_ok kp monitor --year 2026 --quarter 3 --unit T01
expect_stdout_has "偏差原因、整改措施、处置决定和更正:"
expect_stdout_has "  T01 B1  处置决定 暂缓 (2026-10-12); 更正"
expect_ok kp export progress --year 2026 -o "$work/export.csv"
tr -d '\r' <"$work/export.csv" | sed 's/^\xef\xbb\xbf//' >"$work/export.txt"
grep -qF '"年度","单位编码","指标编码","季度","累计完成值","累计支出","评分","备注","偏差原因","整改措施","处置决定","决定日期","更正"' "$work/export.txt" ||
  fail "export header: $(head -1 "$work/export.txt")"
grep -qF '"2026","T01","B1","3","80","","","","","","暂缓","2026-10-12","是"' "$work/export.txt" ||
  fail "export row of B1 Q3"
grep -qF '"2026","T01","A1","4","","","27",' "$work/export.txt" || fail "export row of A1 Q4"
# The export imports back unchanged (the correction, the decision and the score-only row).
expect_ok kp import progress "$work/export.csv"
expect_stdout_has "更新 0"
expect_ok kp report monitor --year 2026 --quarter 3 --today 2026-12-02 -o "$work/m.xlsx"
/usr/bin/python3 - "$work/m.xlsx" <<'EOF' || fail "report monitor: decision and 更正 columns"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["红黄预警"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
head = next(r for r in rows if r and r[0] == "单位编码")
assert head[-3:] == ["偏差原因", "整改措施", "处置决定与更正"], head
b1 = next(r for r in rows if r and r[0] == "T01" and r[2] == "B1")
assert b1[-1] == "处置决定 暂缓 (2026-10-12); 更正", b1
EOF
# monitor --format csv and json carry the same (appended after 不匹配), with a 偏差原因 typed now.
printf '年度,单位编码,指标编码,季度,累计完成值,偏差原因\n2026,T01,B1,3,80,汛期停工\n' >"$work/why.csv"
expect_ok kp import progress "$work/why.csv"
expect_ok kp monitor --year 2026 --quarter 3 --unit T01 --format csv
tr -d '\r' <"$last_out" | sed 's/^\xef\xbb\xbf//' >"$work/monitor.txt"
grep -qF '"执行预警","不匹配","偏差原因","整改措施","处置决定","决定日期","更正"' "$work/monitor.txt" ||
  fail "monitor csv header: $(head -1 "$work/monitor.txt")"
grep -q '^"T01",.*,"B1",.*,"汛期停工","","暂缓","2026-10-12","是"$' "$work/monitor.txt" ||
  fail "monitor csv row of B1 Q3"
expect_ok kp monitor --year 2026 --quarter 3 --unit T01 --format json
expect_stdout_has '"item": "B1", "quarter": 3,'
expect_stdout_has '"mismatch": false, "deviation": "汛期停工", "action": null, "decision": "defer", "decision_on": "2026-10-12", "corrected": true}'
expect_stdout_has '"deviation": null, "action": null, "decision": null, "decision_on": null, "corrected": false}'
finish
