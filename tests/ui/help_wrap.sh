# The `?` help shows every key's text whole at 80×24: a text wider than its column continues on
# a second row (双监控's `p` ended in `kaoping report moni~`, `u` in `或放弃的表~`); the home
# help still says there is more and scrolls to its last line.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 6; wait_for "Q3 预警"; keys '?'; wait_for "「双监控」的按键"
wait_for "与 kaoping report monitor 相同)"
wait_for "记入审计) 或放弃的表格修改"
screen | grep -q "~$" && fail "a help line is cut"
keys Escape; wait_for "Q3 预警"; keys Escape; wait_for "菜单"
keys '?'; wait_for "还有更多: Down/PgDn/End 往下看"
keys End; wait_for "保留县里或采用笔记本的值"; wait_for "F10/Q"
screen | grep -q "还有更多" && fail "the last page still says there is more"
keys Escape; wait_for "菜单"; keys Q; wait_for "EXIT=0"
finish
