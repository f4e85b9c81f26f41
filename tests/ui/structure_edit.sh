# 考核组与类别 edits from the keyboard (issue 14 items 2, 3): add a pool 村 (its categories
# copied from the pool under the cursor), rename a category, change points with the sum kept,
# and a change that breaks the sum refused with the sums shown, nothing written. Each result
# is read back through `kaoping scheme show`.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
year=$(kp scheme show | head -1 | cut -d' ' -f1)

start --db "$db"
wait_for "菜单"
keys s; wait_for "$year 年度考核方案"
keys c; wait_for "[乡镇]"
# the cursor is on [乡镇]; move to [县直部门] (乡镇 has 6 categories) and add 村 like it
keys Down Down Down Down Down Down Down; wait_for "县直部门"
keys a; wait_for "组名"; type_text "村"; keys Enter
wait_for "$year 年度起添加考核组 村 (类别照 县直部门)"
keys End; wait_for "[村] 0 个单位, 4 个类别, 合计 90 分"
kp scheme show | grep -qF "  村: 全局性重点工作 30, 目标任务 30, 作风效能建设 20, 专项考核 10  (合计 90)" \
  || fail "村 not written"

# rename 乡镇's 经济发展 (the second row under [乡镇])
keys Home Down Down; keys r; wait_for "新名称"
keys C-u; type_text "经济建设"; keys Enter
wait_for "类别 经济发展 改名为 经济建设"
kp scheme show | grep -qF "  乡镇: 全局性重点工作 15, 经济建设 20," || fail "rename not written"
kp explain T01 | grep -q "经济建设" || fail "items did not follow the rename"

# 经济建设 20 → 25 alone breaks 90: refused with the sums, nothing written
before=$(kp scheme show)
keys e; wait_for "新分值"; keys C-u; type_text "25"; keys Enter
wait_for "未保存: $year 年度分组 乡镇 的类别合计 95, 应为 半年初评 30 + 年终总评 60 = 90"
expect_eq "$(kp scheme show)" "$before" "a refused change was written"
# with 社会发展 15 → 10 in the same answer it holds
keys e; wait_for "新分值"; keys C-u; type_text "25 社会发展=10"; keys Enter
wait_for "乡镇 的类别分值已修改"
kp scheme show | grep -qF "  乡镇: 全局性重点工作 15, 经济建设 25, 社会发展 10," || fail "points not written"
keys F10; wait_for "EXIT=0"
finish
