# 会议模式's foot names `h` (the 半年初评 stage and back, issue 15 item 3): it was missing, so an
# operator never learned that the meeting could show the half-year result; at 80×24 the whole
# foot fits, `q/Esc 退出` included.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys m; wait_for "2026 年度考评结果"
wait_for "Tab/1-4 换组  h 半年初评  / 查找  q/Esc 退出"
keys h; wait_for "2026 年度半年初评"; wait_for "排名依据: 半年初评"
keys Tab; wait_for "第 2/4 组"; wait_for "h 年终总评  / 查找  q/Esc 退出"
keys h; wait_for "2026 年度考评结果"
keys q; wait_for "菜单"
keys Q; wait_for "EXIT=0"
finish
