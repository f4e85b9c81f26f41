# The issue's walk (issue 14 "Done when"): a new year set up entirely from the keyboard — an
# added pool 古城, a renamed category, a leader-rating source 领导评估 10 and a grade table of
# the budget documents (优/良/中/差 at 90/80/60) — a unit put into the new pool, scores
# entered in 评分录入, and the ranking read in 排名结果 and 会议模式, then checked through the
# CLI. Only the base year 2025 (units and a 任务书) is imported.
#
# Shares that would leave the source more than the key items' 半年初评 + 年终总评 are refused
# in 设置 (they were accepted before and only `kaoping check` found them).
#
# Totals (docs/scoring.md): 2026 copies 2025's qitai scheme, half 30 / year 60 / appraisal 10;
# the source takes 10 of the key items' 90, so W = 80 and C = K × 80/90 — but no 2026 progress
# is entered, so K = 0 and C = 0 for every unit. A = P × 10%, 领导评估 = score × 10%.
#   T01: 领导评估 95 → 9.50, 公众评议 80 → 8.00: T = 17.50
#   T02: 领导评估 88 → 8.80, no 公众评议 (数据不全): T = 8.80
#   G01 (古城): 领导评估 90 → 9.00, no 公众评议: T = 9.00, rank 1 of its own pool
# All are below 60: 差 under the new table.
. "$(dirname "$0")/lib.sh"
db="$work/w.db"
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@"; }
printf '单位编码,单位名称,分组\nT01,南牛乡,乡镇\nT02,新城铺镇,乡镇\n' >"$work/units.csv"
{
  echo '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值'
  for u in T01 T02; do echo "2025,$u,B1,经济发展,招商引资,20,评分,20"; done
} >"$work/targets.csv"
kp import units "$work/units.csv" >/dev/null || fail "import units"
kp import targets "$work/targets.csv" >/dev/null || fail "import targets"

start --db "$db"
wait_for "菜单"
keys n; wait_for "由 2025 年度新建 2026 年度"; keys y
wait_for "同时复制 2025 年度的任务书"; keys y
wait_for "已新建 2026 年度"; wait_for "2026 年度   ([ ] 切换年度)"

# 设置 → c: the pool 古城 (categories as 乡镇's), 经济发展 renamed 经济建设
keys s; wait_for "2026 年度考核方案"
keys c; wait_for "[乡镇]"
keys a; wait_for "组名"; type_text 古城; keys Enter
wait_for "2026 年度起添加考核组 古城 (类别照 乡镇)"
keys Home Down Down; keys r; wait_for "新名称"; keys C-u; type_text 经济建设; keys Enter
wait_for "类别 经济发展 改名为 经济建设"
keys Escape; wait_for "2026 年度考核方案"

# 设置 → o: 领导评估 10 (percent, every pool, rated by 县委); a refused line first
keys o; wait_for "还没有评分来源"
keys a; wait_for "新增评分来源"; type_text 领导评估; keys Enter
wait_for "新评分来源「领导评估」"
keys C-u; type_text "分值=120; 计分=百分制"; keys Enter
wait_for "未保存: 评分来源「领导评估」的 分值 不能是「120」"
keys a; wait_for "新增评分来源"; type_text 领导评估; keys Enter
wait_for "新评分来源「领导评估」"
keys C-u; type_text "分值=10; 计分=百分制; 分组=; 评分单位=县委"; keys Enter
wait_for "已保存 2026 年度的评分来源 (1 个)"
wait_for "集中考核分值: 乡镇 80 县直部门 80 驻县单位 80 金融机构 80 古城 80"
# a graded source asks for its table next; then it is deleted again (d, y)
keys a; wait_for "新增评分来源"; type_text 专项考核; keys Enter
wait_for "新评分来源「专项考核」"
keys C-u; type_text "分值=5; 计分=等次; 评分单位=县财政局"; keys Enter
wait_for "等次换算表"; keys C-u; type_text "先进=5; 良好=3-4; 差=0"; keys Enter
wait_for "已保存 2026 年度的评分来源 (2 个)"; wait_for "集中考核分值: 乡镇 75"
kp scheme show --year 2026 | grep -qF "  专项考核 5 分 (等次; 所有分组; 评分: 县财政局; 先进=5; 良好=3-4; 差=0)" ||
  fail "graded source: $(kp scheme show --year 2026 | grep 专项)"
keys Down d; wait_for "删除评分来源「专项考核」"; keys y
wait_for "已保存 2026 年度的评分来源 (1 个)"; wait_for "集中考核分值: 乡镇 80"
keys Escape; wait_for "2026 年度考核方案"

# shares that leave the source more than 半年初评 + 年终总评 are refused in the draft
keys Enter; wait_for "新值"; keys C-u; type_text 0; keys Enter; wait_for "应为 100"
keys Down Enter; wait_for "新值"; keys C-u; type_text 5; keys Enter
keys Down Enter; wait_for "新值"; keys C-u; type_text 95; keys Enter
wait_for "所有分组的评分来源共 10 分, 超过半年初评与年终总评合计的 5 分"
keys F2; wait_for "方案无效, 未保存"
keys u; wait_for "已恢复为已保存的方案"

# the grade table: labels, count and floors in one line, saved with the scheme (F2, y)
keys Home Down Down Down Down Down Down; keys Enter; wait_for "等次=分数线"
keys C-u; type_text "优=90; 良=80; 中=60; 差"; keys Enter
wait_for "等次: 优=90; 良=80; 中=60; 差; 否决上限=中"
keys F2; wait_for "(y/N)"; keys y; wait_for "已保存 2026 年度方案"
keys Escape; wait_for "菜单"

# 单位管理: G01 in 古城
keys 1; wait_for "个单位"
keys a; wait_for "*单位编码"
type_text G01; keys Tab; type_text 县住建局; keys Tab F4; wait_for "> 乡镇"
keys Down Down Down Down Enter; wait_gone "> 乡镇"; wait_for "古城"
keys F2; wait_for "已保存"
keys Escape; wait_for "菜单"
wait_for "评分来源: 领导评估 0/3"

# 评分录入: one round of 县委 on 2026-12-28 (rows by code: G01, T01, T02)
keys 8; wait_for "「领导评估」10 分, 百分制"; wait_for "评分单位 县委"
keys t; wait_for "本轮的日期"; keys C-u; type_text 2026-12-28; keys Enter
wait_for "日期 2026-12-28"
type_text 90; keys Down; type_text 95; keys Down; type_text 88; keys F2
wait_for "已保存 (3 行)"
keys Escape; wait_for "评分来源: 领导评估 3/3"
keys 5; wait_for "年度公众评议"
keys Down; type_text 80; keys F2; wait_for "已保存 (1 行)"
keys Escape; wait_for "菜单"

# 排名结果 and 会议模式 read the ranking
keys r; wait_for "乡镇 (1/2 组)  2 个单位"
wait_for "17.50 差     数据不全"; wait_for "领导评估 (10%) 9.50"
keys Tab; wait_for "古城 (2/2 组)  1 个单位"; wait_for "9.00 差"
keys Escape; wait_for "菜单"
keys m; wait_for "乡镇  (2 个单位)"; wait_for "17.50  差"
wait_for "公众评议 (10%) 8.00 + 领导评估 (10%) 9.50 = 17.50"
keys 2; wait_for "古城  (1 个单位)"; wait_for "9.00  差"
keys q; wait_for "菜单"
keys F10; wait_for "EXIT=0"

kp scheme show --year 2026 >"$work/show"
grep -qF "分组 (排名顺序): 乡镇, 县直部门, 驻县单位, 金融机构, 古城" "$work/show" || fail "pool 古城"
grep -qF "  乡镇: 全局性重点工作 15, 经济建设 20," "$work/show" || fail "renamed category"
grep -qF "  领导评估 10 分 (百分制; 所有分组; 评分: 县委)" "$work/show" || fail "source: $(grep 领导 "$work/show")"
grep -qF "等次: 优 ≥ 90; 良 ≥ 80; 中 ≥ 60; 以下为差" "$work/show" || fail "grades"
kp scheme show --year 2025 | grep -qF "  乡镇: 全局性重点工作 15, 经济发展 20," || fail "2025 changed"
kp rank --year 2026 --format csv | tr -d '\r"' >"$work/rank.csv"
grep -qxF "1,T01,南牛乡,乡镇,0.00,0.00,0.00,80.00,8.00,0.00,0.00,0.00,17.50,差,,是,9.50" "$work/rank.csv" ||
  fail "T01: $(grep T01 "$work/rank.csv")"
grep -qxF "2,T02,新城铺镇,乡镇,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,8.80,差,,是,8.80" "$work/rank.csv" ||
  fail "T02: $(grep T02 "$work/rank.csv")"
grep -qxF "1,G01,县住建局,古城,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,9.00,差,,是,9.00" "$work/rank.csv" ||
  fail "G01: $(grep G01 "$work/rank.csv")"
finish
