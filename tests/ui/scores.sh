# 评分录入 (home 8): the grid of a score source, one round (评分单位 + 日期) at a time. A percent
# source (领导评估 of the zhengding preset, with the 古城 pool's 30-point row): scores typed in
# place, a score outside 0-100 refused naming the unit, the round's rater and date set with r
# and t, saved in one transaction and counted by rank. A graded source (专项考核 先进=10;
# 良好=8-9; 一般=5-6; 差=0): the grade typed as its number, a value outside the grade's range
# refused with the range, a one-number grade needing no value. An emptied row deletes the
# round's score. The home screen's line counts each source.
. "$(dirname "$0")/lib.sh"
db="$work/s.db"
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@" >/dev/null || fail "kaoping $*"; }
printf '单位编码,单位名称,分组\nT01,南牛乡,乡镇\nD01,县教育局,县直部门\n' >"$work/units.csv"
kp import units "$work/units.csv"
kp scheme use zhengding --year 2026
printf 'G01,县住建局,古城\n' >>"$work/units.csv"
kp import units "$work/units.csv"
# 2027: qitai's numbers with the 公众评议 share given to a graded 专项考核 of 10 points
cat >"$work/graded.scheme" <<'EOF'
[scheme]
name = graded
title = 专项考核按等次
half_share = 30
year_share = 70
appraisal_share = 0
inspection_cap = 2
complaint_cap = 2
bonus_cap = 0
veto_effect = fail
tie_style = competition
warn_yellow = 5
warn_red = 15
mismatch = 20
[grades]
优秀 = 90
良好 = 80
合格 = 70
不合格
cap = 合格
[pools]
乡镇
县直部门
古城
[categories]
重点工作 = 90
[source 专项考核]
share = 10
scale = grade
rater = 县财政局
grades = 先进=10; 良好=8-9; 一般=5-6; 差=0
EOF
kp scheme use "$work/graded.scheme" --year 2027

start --db "$db"
wait_for "菜单"
keys '['; wait_for "2026 年度"
wait_for "评分来源: 领导评估 0/3 公众评估 0/1"
keys 8; wait_for "来源 1/2「领导评估」10 分, 百分制"
wait_for "本轮: 评分单位 县委、县政府"
wait_for "未录入 (数据不全)"
keys r; wait_for "本轮的评分单位"; keys C-u; type_text 县委; keys Enter
wait_for "本轮: 评分单位 县委  日期"
keys t; wait_for "本轮的日期"; keys C-u; type_text 2026-07-15; keys Enter
wait_for "日期 2026-07-15"
# rows by code: D01, G01, T01
type_text 92; keys Down; type_text 101; keys F2
wait_for "未保存: 第 2 行 G01 县住建局: 来源「领导评估」的分值应在 0 到 100 之间"
keys BSpace BSpace BSpace; type_text 95; keys Down; type_text 88; keys F2
wait_for "已保存 (3 行)"; wait_for "本轮已录入 3/3"
wait_for "计入 28.50 (1 次: 95 县委 07-15)" # 古城: 95 × 30%
# a second round: year-end, another rater; T01's part is the mean of both
keys t; wait_for "本轮的日期"; keys C-u; type_text 2026-12-28; keys Enter
wait_for "本轮已录入 0/3"
keys Down Down; type_text 93; keys F2; wait_for "已保存 (1 行)"
wait_for "计入 9.05 (2 次: 88 县委 07-15, 93 县委 12-28)"
# o: the next source; a round with unsaved edits is not left
keys o; wait_for "来源 2/2「公众评估」30 分"
type_text 80; keys o; wait_for "本轮有未保存的修改"
keys F2; wait_for "已保存 (1 行)"
keys o; wait_for "「领导评估」"
keys Escape; wait_for "菜单"
wait_for "评分来源: 领导评估 3/3 公众评估 1/1"

keys ']'; wait_for "2027 年度"
keys 8; wait_for "「专项考核」10 分, 等次: 先进=10; 良好=8-9; 一般=5-6; 差=0"
keys t; wait_for "本轮的日期"; keys C-u; type_text 2027-12-20; keys Enter; wait_for "日期 2027-12-20"
type_text 2; wait_for "2 良好"; keys Tab; type_text 10; keys F2
wait_for "等次「良好」对应 8 到 9 分"
keys BSpace BSpace; type_text 8.5
keys Down Left; type_text 1; keys Down; type_text 7; keys F2
wait_for "第 3 行 T01 南牛乡: 等次应为 1 到 4"
keys BSpace; type_text 4; keys F2
wait_for "已保存 (3 行)"
wait_for "2 良好          8.5 计入 8.50 (1 次: 8.5 良好"
wait_for "4 差              0 计入 0.00 (1 次: 0 差"
wait_for "T01  南牛乡  乡镇  4 差  计入 0.00 (1 次: 0 差 县财政局 12-20)" # the detail line
# emptying D01's row deletes that score: the unit is missing the source again
keys Up Up DC Tab DC F2; wait_for "已保存 (1 行)"
wait_for "未录入 (数据不全)"
keys F10; wait_for "EXIT=0"

expect_eq "$(sql "$db" "SELECT group_concat(unit || ':' || value || ':' || rater || ':' || date, ' ') FROM (SELECT * FROM score WHERE year=2026 AND source='领导评估' ORDER BY unit, date)")" \
  "D01:92.0:县委:2026-07-15 G01:95.0:县委:2026-07-15 T01:88.0:县委:2026-07-15 T01:93.0:县委:2026-12-28" "领导评估 scores"
expect_eq "$(sql "$db" "SELECT group_concat(unit || ':' || value || ':' || grade, ' ') FROM (SELECT * FROM score WHERE year=2027 ORDER BY unit)")" \
  "G01:10.0:先进 T01:0.0:差" "graded scores (D01's deleted)"
# T01 in 2026: no key items scored (0) + 领导评估 (88 + 93)/2 × 10% = 9.05
LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" explain --year 2026 T01 | grep -qF "领导评估 (88+93)/2×10% = 9.05（县委）" ||
  fail "explain T01"
finish
