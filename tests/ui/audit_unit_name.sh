# 审计日志 `u` asks for a unit code; a unit's name typed there finds nothing, and the status
# says to type the code (it said only 单位: 县教育局 (0 条), as if the unit had no changes).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys a; wait_for "审计日志"
keys u; wait_for "单位编码"; type_text 县教育局; keys Enter
wait_for "单位: 县教育局 (0 条): 请输入单位编码 (如 D02), 不是单位名称"
keys u; wait_for "单位编码"; type_text D02; keys Enter; wait_for "单位: D02 ("
screen | grep -qF "不是单位名称" && fail "the hint stays for a code"
keys Q; wait_for "EXIT=0"
finish
