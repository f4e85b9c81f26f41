# 双监控 at 80×24: a 偏差原因 of 100 characters (the most the prompt takes) and the 整改措施
# after it read whole in the detail under the list, which takes rows from the list for them
# (three rows cut the reason and hid the 整改措施); the list keeps its first warnings.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
# 100 characters: ten of 因征地拆迁滞后X (X = 0..9 as a full-width digit makes each unique)
reason=""
for d in ０ １ ２ ３ ４ ５ ６ ７ ８ ９; do reason="$reason因征地拆迁进度滞后$d"; done
start --db "$db"
wait_for "菜单"
keys 6; wait_for "Q3 预警"; wait_for "j 处置决定"
keys r; wait_for "D13 A11 第 3 季度偏差原因"; type_text "$reason"; keys Enter
wait_for "已保存 A11 第 3 季度偏差原因"
keys c; wait_for "D13 A11 第 3 季度整改措施"; type_text "每周调度并通报"; keys Enter
wait_for "已保存 A11 第 3 季度整改措施"
expect_eq "$(sql "$db" "SELECT length(deviation) FROM progress WHERE year = 2026 AND unit = 'D13' AND item = 'A11' AND quarter = 3")" \
  100 "the stored 偏差原因's length"
# the detail rows joined: the reason whole, then the 整改措施
joined=$(screen | sed 's/^ //' | tr -d '\n')
case "$joined" in *"偏差原因: $reason"*) ;; *) fail "the 偏差原因 is not shown whole" ;; esac
case "$joined" in *"整改措施: 每周调度并通报"*) ;; *) fail "the 整改措施 is not shown" ;; esac
screen | grep -q "D14 县水利局" || fail "the list lost its fifth warning (D14) to the detail"
keys Q; wait_for "EXIT=0"
finish
