# A status message wider than the line (the answer to 任务书 p with a long approver) takes the
# rows above the status line and reads whole, its end included (it was cut with ~ at 80
# columns); the next key's message is one line again and the list's last row is back.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
by='县人民政府办公室（县长办公会议纪要第十二号）'
start --db "$db"
wait_for "菜单"
keys 2; wait_for "任务书: 选择单位"; keys Enter; wait_for "D01 县发展和改革委员会"
keys p; wait_for "批准人"; type_text "$by"; keys Enter
wait_for "任务书已批复"
shot=$(screen)
# the message's rows, joined: whole, from the unit to the end of the advice, nothing cut
joined=$(printf '%s\n' "$shot" | sed -n 20,23p | sed 's/^ //; s/ *$//' | tr -d '\n')
case "$joined" in
  *"D01 的 2026 年度任务书已批复 ("*"$by); 此后改目标须填调整原因、批准人和起始季度"*) ;;
  *) fail "the approval message is not whole: $joined" ;;
esac
printf '%s\n' "$shot" | sed -n 20,23p | grep -q '~$' && fail "a status row ends cut (~)"
printf '%s\n' "$shot" | tail -1 | grep -qF "?/F1 帮助" || fail "the key bar is gone"
# A short message after it takes one line again: the detail row above is the list's again.
keys Down; keys p; wait_for "任务书已于"
screen | sed -n 22p | grep -qF "A12  营商环境优化改革事项" || fail "the row above the status not given back"
keys Q; wait_for "EXIT=0"
finish
