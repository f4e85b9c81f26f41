# 双监控 j / r / c on a 未填报 warning (the demo's T03 B22, 2026 Q3) tell the operator where the
# value is typed: 季度进度 (home 3), the quarter and the unit. They said 先填累计完成值并保存 (F2),
# a key of another screen. The message reads whole at 80 columns; nothing is written.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
audit0=$(sql "$db" "SELECT count(*) FROM audit")
start --db "$db"
wait_for "菜单"
keys 6; wait_for "Q3 预警"
keys /; type_text 未填报; keys Enter; wait_for "找到"
wait_for "T03 半截沟镇  B22"
# the status rows joined, spaces dropped (a row ends after ", ")
joined() { screen | sed -n 20,23p | tr -d ' \n'; }
keys j; wait_for "还没有填报进度"
case "$(joined)" in
  *"T03B22第3季度还没有填报进度:先在首页3季度进度选第3季度和T03,填累计完成值并保存(F2),再填处置决定"*) ;;
  *) fail "j on 未填报: $(joined)" ;;
esac
keys r; wait_for "再填偏差原因"
keys c; wait_for "再填整改措施"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit")" "$audit0" "audit rows after the refusals"
finish
