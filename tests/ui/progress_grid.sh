# 季度进度 grid (issue 17 item 5) at 80×24 and 132×43: the item's budget is a column; the
# previous quarter's cumulative values are columns from 100 columns on and on the detail line
# at 80; Enter moves to the next cell of the row, then to the first cell of the next row (the
# order a row is typed in), so "1 Enter 2 Enter 3" fills A11 actual, A11 spending, A12 actual.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
q2() { sql "$db" "SELECT $1 FROM progress WHERE year=2026 AND unit='T01' AND item='$2' AND quarter=2"; }
budget=$(sql "$db" "SELECT budget FROM target WHERE year=2026 AND unit='T01' AND item='A11'")
budget=${budget%.0}
a2=$(q2 actual A11); s2=$(q2 spent A11); a2=${a2%.0}; s2=${s2%.0}

start --db "$db"
wait_for "菜单"
keys 3; wait_for "季度进度: 选择季度和单位"; keys 3; wait_for "第 3 季度"
keys /; wait_for "查找"; type_text T01; keys Enter; wait_for "找到: T01"
keys Enter; wait_for "累计完成"
# 80 columns: the budget column; the previous quarter on the detail line
screen | grep -q "预算" || fail "no 预算 column at 80"
screen | grep -Eq "^A11 .* $budget +[0-9.]+ +[0-9.]+ " || fail "A11 row without its budget $budget"
wait_for "第 2 季度累计: 完成 $a2 支出 $s2"
screen | grep -q "上季完成" && fail "上季完成 column at 80 columns (no room)"

# Enter: across the row, then down
type_text 1; keys Enter; type_text 2; keys Enter; type_text 3
# both are below Q2: one question (docs/scoring.md "更正"), y saves them marked
keys F2; wait_for "T01 A11 等 2 行的累计完成值和累计支出小于第 2 季度: 确属更正"; keys y
wait_for "已保存 (2 行)"
q3() { sql "$db" "SELECT $1 FROM progress WHERE year=2026 AND unit='T01' AND item='$2' AND quarter=3"; }
expect_eq "$(q3 actual A11)|$(q3 spent A11)" "1.0|2.0" "A11 Q3 typed with Enter between"
expect_eq "$(q3 actual A12)" "3.0" "A12 Q3 actual (Enter at the row's end goes down)"

resize 132 43
wait_for "上季完成"
screen | grep -Eq "^A11 .* $budget +$a2 +1 +$s2 +2 " || fail "A11 at 132: budget, Q2 $a2 beside 1, Q2 $s2 beside 2"
finish
