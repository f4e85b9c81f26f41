# 双监控 records the decision (处置决定), 偏差原因 and 整改措施 on the selected warning as 季度进度
# does (j, r, c; saved at once, audited): on the demo's 2026 Q3 the first warning is D13 A11
# (red, the order of `kaoping monitor`); a locked year and the unit summary refuse.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" lock --year 2025 >/dev/null || fail "lock 2025"
first=$("$KAOPING_BIN" --db "$db" monitor --year 2026 --quarter 3 --format json | sed -n 2p)
case "$first" in *'"unit": "D13", "item": "A11", "quarter": 3,'*) ;; *) fail "first warning: $first" ;; esac
row="year = 2026 AND unit = 'D13' AND item = 'A11' AND quarter = 3"
audit0=$(sql "$db" "SELECT count(*) FROM audit WHERE tbl = 'progress'")
today=$(TZ=UTC date +%F)
start --db "$db"
wait_for "菜单"
keys 6; wait_for "Q3 预警"; wait_for "j 处置决定"
keys j; wait_for "D13 A11 第 3 季度处置决定"; type_text 取消; keys Enter
wait_for "「取消」不是处置决定"
keys j; wait_for "D13 A11 第 3 季度处置决定"; type_text 3; keys Enter
wait_for "已保存 A11 第 3 季度处置决定 暂缓 ($today)"
wait_for "处置决定 暂缓 ($today)" # the detail under the list
keys r; wait_for "D13 A11 第 3 季度偏差原因"; type_text 资金未到位; keys Enter
wait_for "偏差原因: 资金未到位"
keys c; wait_for "D13 A11 第 3 季度整改措施"; type_text 催拨资金; keys Enter
wait_for "整改措施: 催拨资金"
expect_eq "$(sql "$db" "SELECT decision || '/' || decision_on || '/' || deviation || '/' || action FROM progress WHERE $row")" \
  "defer/$today/资金未到位/催拨资金" "D13 A11 Q3 after j, r, c"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit WHERE tbl = 'progress'")" "$((audit0 + 3))" "audit rows of the three saves"
# The unit summary has no warning to record on; a locked year refuses.
keys Tab; wait_for "低于序时"; keys j; wait_for "按 Tab 回到预警列表"
keys Escape; wait_for "菜单"; keys '['; wait_for "2025 年度"
keys 6; wait_for "预警"; keys j; wait_for "2025 年度已审定, 不能修改"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit WHERE tbl = 'progress'")" "$((audit0 + 3))" "audit after the refusals"
finish
