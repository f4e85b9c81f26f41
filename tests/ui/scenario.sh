# The main scenario on the demo county: add a unit, give it targets, enter Q1 progress, add a
# 查访核验 deduction with a Chinese finding, quit; then everything is in the database.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
year=$(sql "$db" "SELECT max(year) FROM year")

start --db "$db" --operator 录入员
wait_for "菜单"
wait_for "操作员 录入员"
wait_for "$year 年度"

# 1 单位管理: add X99 县乡村振兴局 in 县直部门
keys 1; wait_for "共 46 个单位"
keys a; wait_for "*单位编码"
type_text X99; keys Tab; type_text 县乡村振兴局; keys Tab Right
wait_for "县直部门"
keys F2; wait_for "已保存"
wait_for "共 47 个单位"
keys Escape; wait_for "菜单"

# 2 任务书: find X99, add one item in 全局性重点工作 and one in 目标任务
keys 2; wait_for "任务书: 选择单位"
keys /; wait_for "查找"; type_text X99; keys Enter; wait_for "找到: X99"
keys Enter; wait_for "X99 县乡村振兴局"
wait_for "[全局性重点工作 30分] 0 条, 合计 0.00 !合计应为 30.00 !条目数应为 1-3"
keys a; wait_for "*指标编码"
type_text A11; keys Tab; wait_for "全局性重点工作"; keys Tab
type_text 高标准农田建设; keys Tab; type_text 30; keys Tab Tab; type_text 100; keys Tab
type_text 亩; keys Tab; type_text 50; keys F2
wait_for "已保存"; wait_for "高标准农田建设"
wait_for "[全局性重点工作 30分] 1 条, 合计 30.00"
screen | grep -F "[全局性重点工作" | grep -qF "!" && fail "warning left on a complete category"
keys a; wait_for "*指标编码"
type_text B21; keys Tab Right; wait_for "目标任务"; keys Tab
type_text 农村人居环境整治; keys Tab; type_text 30; keys Tab Tab; type_text 20; keys F2
wait_for "已保存"; wait_for "农村人居环境整治"
keys Escape; wait_for "任务书: 选择单位"; keys Escape; wait_for "菜单"

# 3 季度进度: Q1, X99: actual 30 of 100 with 10 of 50 spent on A11; 5 on B21
keys 3; wait_for "季度进度: 选择季度和单位"; keys 1; wait_for "第 1 季度"
keys /; wait_for "查找"; type_text X99; keys Enter; wait_for "找到: X99"
keys Enter; wait_for "累计完成"
type_text 30; keys Tab; type_text 10
wait_for "30.0"; wait_for "20.0"
keys Down; keys Left; type_text 5
keys F2; wait_for "已保存 (2 行)"
keys Escape; wait_for "第 1 季度"; keys Escape; wait_for "菜单"

# 4 加减分台账: a 查访核验 of 0.5 with a Chinese finding
keys 4; wait_for "加减分台账: 选择单位"
keys /; wait_for "查找"; type_text X99; keys Enter; wait_for "找到: X99"
keys Enter; wait_for "加减分台账"
keys 1; wait_for "*日期"
keys C-u; type_text "$year-03-15"; keys Tab; keys Right; keys Tab; keys Right Right; keys Tab
type_text "办事窗口无人值守，群众等候超过半小时"; keys Tab; type_text 0.5; keys Tab
type_text 张三; keys F2
wait_for "已保存"; wait_for "查访核验 0.50/2"
keys F10; wait_for "EXIT=0"

q() { sql "$db" "$1"; }
expect_eq "$(q "SELECT name || '|' || pool FROM unit WHERE code='X99'")" "县乡村振兴局|县直部门" "unit"
expect_eq "$(q "SELECT group_concat(item || ':' || category || ':' || name || ':' || points || ':' || method || ':' || target_value, ';') FROM (SELECT * FROM target WHERE unit='X99' AND year=$year ORDER BY item)")" \
  "A11:全局性重点工作:高标准农田建设:30.0:ratio:100.0;B21:目标任务:农村人居环境整治:30.0:ratio:20.0" "targets"
expect_eq "$(q "SELECT measure || '|' || budget FROM target WHERE unit='X99' AND item='A11'")" "亩|50.0" "measure/budget"
expect_eq "$(q "SELECT group_concat(item || ':' || actual || ':' || ifnull(spent, '-'), ';') FROM (SELECT * FROM progress WHERE unit='X99' AND year=$year AND quarter=1 ORDER BY item)")" \
  "A11:30.0:10.0;B21:5.0:-" "Q1 progress"
expect_eq "$(q "SELECT date || '|' || type || '|' || points || '|' || aspect || '|' || method || '|' || reason || '|' || inspectors FROM ledger WHERE unit='X99'")" \
  "$year-03-15|inspection|0.5|作风建设|查阅资料|办事窗口无人值守，群众等候超过半小时|张三" "ledger"
expect_eq "$(q "SELECT count(*) FROM audit WHERE operator='录入员' AND action='insert' AND tbl IN ('unit','target','progress','ledger')")" "6" "audited inserts by the operator"

# the same through the CLI export (what the lead's checks use)
exp() { "$KAOPING_BIN" --db "$db" export "$@" | tr -d '\r'; }
exp units | grep -qxF '"X99","县乡村振兴局","县直部门","",""' || fail "export units lacks X99"
exp targets --year "$year" | grep -qxF "\"$year\",\"X99\",\"A11\",\"全局性重点工作\",\"高标准农田建设\",\"30\",\"比例\",\"100\",\"亩\",\"50\",\"25/50/75/100\"" ||
  fail "export targets lacks X99 A11"
exp progress --year "$year" | grep -qxF "\"$year\",\"X99\",\"A11\",\"1\",\"30\",\"10\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"" ||
  fail "export progress lacks X99 A11 Q1"
exp ledger --year "$year" | grep -F '"X99"' |
  grep -qF "\"$year-03-15\",\"查访核验\",\"0.5\",\"作风建设\",\"查阅资料\",\"办事窗口无人值守，群众等候超过半小时\",\"张三\"" ||
  fail "export ledger lacks the X99 deduction"
finish
