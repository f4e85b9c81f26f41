# 单位管理 `x`: a unit the store will not retire (T01 has 2026 任务书) is refused before the
# question, with the reason (it asked first and refused after y); for one it will (X99, no
# targets), n says the unit stays (未退出: the edit's 已保存 stayed and read as if it had
# left), y retires it from this year on.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
printf '单位编码,单位名称,分组\nX99,县测试局,县直部门\n' >"$work/units.csv"
"$KAOPING_BIN" --db "$db" import units "$work/units.csv" >/dev/null || fail "import X99"
retired() { sql "$db" "SELECT count(*) FROM unit_retired WHERE code = '$1'"; }
start --db "$db"
wait_for "菜单"
keys 1; wait_for "共 47 个单位"
keys x; wait_for "不能退出: 单位 T01 在 2026 年度及以后还有 12 条任务书指标"
screen | grep -qF "(y/N)" && fail "T01: asked before the refusal"
keys /; type_text X99; keys Enter; wait_for "找到: X99"
keys Enter; wait_for "*单位名称"; keys F2; wait_for "已保存"
keys x; wait_for "单位 X99「县测试局」自 2026 年度起退出考核? (y/N)"; keys n
wait_for "未退出: X99 仍在 2026 年度考核"
expect_eq "$(retired X99)" 0 "X99 retired after n"
keys x; wait_for "(y/N)"; keys y; wait_for "X99 自 2026 年度起退出"
expect_eq "$(retired X99)" 1 "X99 retired after y"
expect_eq "$(retired T01)" 0 "T01 retired"
keys Q; wait_for "EXIT=0"
finish
