# 任务书's heading names the approver (已批复 date who); a heading wider than the terminal is
# cut with ~ on its own row: it ran past the edge and its last character landed on the column
# titles below (编码  （ 标名称).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
by='县人民政府办公室（县长办公会议纪要第十二号）'
"$KAOPING_BIN" --db "$db" targets approve --year 2026 --approved-by "$by" D01 >/dev/null ||
  fail "targets approve"
start --db "$db"
wait_for "菜单"
keys 2; wait_for "任务书: 选择单位"; keys Enter; wait_for "已批复"
wait_for "指标名称"
screen | sed -n 3p | grep -q '^编码 *指标名称 ' || fail "the column titles were written over"
screen | sed -n 2p | grep -q '~ *$' || fail "the cut heading has no ~"
keys Q; wait_for "EXIT=0"
finish
