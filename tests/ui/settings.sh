# 设置 on the demo county: the 查访核验 cap 2 -> 0 previews the two units whose grade changes
# (D02 良好→优秀, D17 合格→良好), saves in one go and both the rankings screen and `kaoping rank`
# show the new grades; shares that do not add up to 100 are refused next to the field and
# nothing is written; a preset whose categories the targets do not use is refused with the
# store's message, another one is saved with its categories; a locked year is refused.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@"; }
grade_of() { kp rank --year 2025 --format csv | tr -d '"\r' | grep ",$1," | cut -d, -f13,14; }
expect_eq "$(grade_of D02)" "89.31,良好" "D02 before"
expect_eq "$(grade_of D17)" "79.95,合格" "D17 before"

start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
# Seen once before the change: the rankings are cached and must be recomputed after it.
keys r Tab; wait_for "县直部门 (2/4 组)"
keys /; wait_for "查找"; type_text D17; keys Enter; wait_for "找到: D17"
screen | grep -Eq "D17 县文化体育.* 79.95 合格" || fail "D17 on the rankings screen before"
keys Escape; wait_for "菜单"
keys s; wait_for "2025 年度考核方案: qitai"
keys Down Down Down Enter; wait_for "新值"
keys C-u; type_text 0; keys Enter
wait_for "查访核验扣分上限 改为 0"
wait_for "预览: 2 个单位等次变化"; wait_for "D02 良好→优秀"; wait_for "D17 合格→良好"

# Shares adding up to 101: refused, marked at the field, not saved.
keys Up Up Up Enter; wait_for "新值"; keys C-u; type_text 31; keys Enter
wait_for "= 101.00, 应为 100"; wait_for "!31"; wait_for "预览: 方案无效"
keys F2; wait_for "方案无效, 未保存"
kp scheme show --year 2025 | grep -q "上限: 查访核验扣分 2," || fail "invalid scheme was written"
keys Enter; wait_for "新值"; keys C-u; type_text 30; keys Enter
wait_for "预览: 2 个单位等次变化"

keys F2; wait_for "2 个单位等次变化 (y/N)"; keys y
wait_for "已保存 2025 年度方案 (2 个单位等次变化)"
expect_eq "$(grade_of D02)" "90.81,优秀" "D02 after"
expect_eq "$(grade_of D17)" "80.05,良好" "D17 after"

keys Escape; wait_for "菜单"
keys r Tab; wait_for "县直部门 (2/4 组)"
keys /; wait_for "查找"; keys C-u; type_text D17; keys Enter; wait_for "找到: D17"
screen | grep -Eq "D17 县文化体育.* 80.05 良好" || fail "D17 on the rankings screen"
keys Escape; wait_for "菜单"

# Presets: beijing's categories are not those of the targets -> the store refuses, nothing
# written; zhengding is saved keeping the year's categories, with its score sources (one
# transaction).
keys s; wait_for "2025 年度考核方案: qitai"
keys p; wait_for "改用预设 beijing"; wait_for "保存时指标类别也换成该预设的类别"
keys F2; wait_for "(y/N)"; keys y; wait_for "未保存 (按 k 保留本年度的类别): 乡镇 的任务书使用了类别"
kp scheme show --year 2025 | head -1 | grep -q qitai || fail "beijing was written"
# ... unless the year's categories are kept (k), as `scheme use --keep-categories`.
keys k; wait_for "保存时保留本年度的指标类别"
keys F2; wait_for "(y/N)"; keys y; wait_for "已保存 2025 年度方案"
kp scheme show --year 2025 | head -1 | grep -q beijing || fail "beijing (categories kept) not saved"
kp scheme show --year 2025 | grep -q "县直部门: 全局性重点工作 30, 目标任务 30" || fail "categories kept"
keys p; wait_for "改用预设 hangzhou"; keys p; wait_for "改用预设 zhengding"
keys k; wait_for "保存时保留本年度的指标类别"
keys F2; wait_for "(y/N)"; keys y; wait_for "已保存 2025 年度方案"
kp scheme show --year 2025 | head -1 | grep -q zhengding || fail "zhengding not saved"
kp scheme show --year 2025 | grep -q "县直部门: .*(合计 90" || fail "zhengding categories"
kp scheme show --year 2025 | grep -q "  领导评估 10 分" || fail "zhengding sources"
keys Escape; wait_for "菜单"

# Locked by another program while the screen is open: the store refuses the save with its
# message; nothing changes. Entered again, the screen refuses the first edit at once.
keys s; wait_for "2025 年度考核方案: zhengding"
kp lock --year 2025 >/dev/null 2>&1 || fail "lock failed"
before=$(kp scheme show --year 2025 | md5sum)
keys Down Down Down Enter; wait_for "新值"; keys C-u; type_text 1; keys Enter
keys F2; wait_for "(y/N)"; keys y; wait_for "未保存"; wait_for "该年度已审定"
expect_eq "$(kp scheme show --year 2025 | md5sum)" "$before" "locked year unchanged"
keys u; wait_for "已恢复为已保存的方案"
keys Escape; wait_for "菜单"
keys s; wait_for "[已审定, 不能修改]"
keys Enter; wait_for "2025 年度已审定, 不能修改"; screen | grep -q "新值" && fail "edit prompt in a locked year"
keys p; wait_for "2025 年度已审定, 不能修改"
keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
finish
