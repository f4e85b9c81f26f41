# 季度进度's row rules (issue 15 item 5, issue 17 item 5; docs/tui.md, docs/scoring.md "更正"):
# a cumulative value below the previous quarter's asks before saving, with No as the default
# (Enter saves nothing), and y saves it marked 更正; `j` records the decision on the item
# (处置决定, dated today; a word that is not one of the four is refused, naming them), shown in
# 双监控; a 评分 item's row saves with only its score. Demo county, D13 (2026): A11 ratio, target
# 7, Q2 3.9, Q3 6; C31 评分 20 points, no Q4 row.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
row() { sql "$db" "SELECT coalesce(actual,'NULL') || '|' || coalesce(score,'-') || '|' || corrected || '|' || coalesce(decision,'-') || '|' || coalesce(decision_on,'-') FROM progress WHERE year=2026 AND unit='D13' AND item='$1' AND quarter=$2"; }
audits() { sql "$db" "SELECT count(*) FROM audit WHERE tbl='progress'"; }
expect_eq "$(row A11 3)" "6.0|-|0|-|-" "D13 A11 Q3 before"
audit0=$(audits)

start --db "$db"
wait_for "菜单"
keys 3; wait_for "季度进度: 选择季度和单位"; keys 3; wait_for "第 3 季度"
keys /; wait_for "查找"; type_text D13; keys Enter; wait_for "找到: D13"
keys Enter; wait_for "累计完成"
# 3 is below Q2's 3.9: asked; Enter is No and nothing is written.
keys 3 F2
wait_for "D13 A11 的累计完成值小于第 2 季度: 确属更正, 按「更正」保存? (y/N)"
keys Enter
wait_for "累计完成值小于第 2 季度 (累计值不应减少), 未保存"
expect_eq "$(row A11 3)" "6.0|-|0|-|-" "Enter saved nothing"
expect_eq "$(audits)" "$audit0" "no audit row after No"
# y saves it as a correction, shown on the detail line.
keys F2; wait_for "按「更正」保存? (y/N)"; keys y
wait_for "已保存"
wait_for "A11 重点项目建设"   # the detail line names the item
wait_for "[更正]"
expect_eq "$(row A11 3)" "3.0|-|1|-|-" "saved marked 更正"
# j: a word that is not a decision is refused, naming the four; 3 is 暂缓, dated today.
keys j; wait_for "A11 第 3 季度处置决定"; type_text 取消; keys Enter
wait_for "「取消」不是处置决定: 应为 继续、调整、暂缓 或 停止"
expect_eq "$(row A11 3)" "3.0|-|1|-|-" "a refused decision wrote nothing"
today=$(date +%F)
keys j; wait_for "A11 第 3 季度处置决定"; type_text 3; keys Enter
wait_for "已保存 A11 第 3 季度处置决定 暂缓 ($today)"
expect_eq "$(row A11 3)" "3.0|-|1|defer|$today" "decision stored"
wait_for "处置决定: 暂缓 ($today)"
keys Escape; wait_for "第 3 季度"; keys Escape; wait_for "菜单"

# Q4: C31 (评分) with only its score: saved without an actual.
keys 3; wait_for "季度进度: 选择季度和单位"; keys 4; wait_for "第 4 季度"
keys /; wait_for "查找"; type_text D13; keys Enter; wait_for "找到: D13"
keys Enter; wait_for "累计完成"
keys Down Down Down Down Down Down; wait_for "C31"
keys Tab Tab 1 8 F2
wait_for "已保存"
expect_eq "$(row C31 4)" "NULL|18.0|0|-|-" "C31 Q4 saved with only its score"
keys Escape; wait_for "第 4 季度"; keys Escape; wait_for "菜单"

# 双监控 opens at Q4 (the latest quarter with progress): C31 is monitored by its score, 18 of
# 20 points = 90.00 % against 100 %: lag 10.00, 黄色 (the only measured warning of Q4).
keys 6; wait_for "Q4 预警"
screen | grep -Eq "^!黄色 +D13 .* C31 .* 90\.00 +- +100 +10\.00" || fail "C31 Q4 by its score"
# Q3: D13 A11 (3 of 7 = 42.86 %, lag 32.14: the worst warning) with its decision and 更正.
keys 3; wait_for "Q3 预警"
wait_for "D13 县交通运输局  A11"
resize 132 43
wait_for "处置决定 暂缓 ($today); 更正"
keys F10; wait_for "EXIT=0"
finish
