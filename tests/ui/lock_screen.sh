# 年度审定 counts the year-end it locks, whichever stage 排名结果 shows: after h (半年初评) it
# counted the half-year (数据不全 0 on the demo's 2026, whose Q4 nobody entered yet), so the
# lock question left out its warning. The key bar offers l on an open year and u on a locked one.
# A no says 未锁定. The history's selected event reads whole under the list (a long unlock reason was cut with ~).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
# Year-end 2026: no unit has Q4 progress, so every one of the 46 is incomplete; no veto.
incomplete=$("$KAOPING_BIN" --db "$db" rank --year 2026 --format csv | tr -d "\r" | grep -c ",\"是\"$")
expect_eq "$incomplete" 46 "incomplete units of the year-end 2026 (kaoping rank)"
bar() { screen | tail -1; }
start --db "$db"
wait_for "菜单"
keys r; wait_for "排名结果"; keys h; wait_for "半年初评"
keys Escape; wait_for "菜单"
keys l; wait_for "2026 年度: 未审定"
wait_for "考核结果: 46 个单位, 数据不全 46 个, 一票否决 0 个 (年终总评)"
bar | grep -qF "l 审定锁定" || fail "open year: no l in the bar"
bar | grep -qF "u 解锁" && fail "open year: u 解锁 in the bar"
keys l; wait_for "注意还有数据不全的单位 (y/N)"; keys n; wait_for "未锁定"
keys l; wait_for "注意还有数据不全的单位 (y/N)"; keys y
wait_for "已审定 (锁定)"
bar | grep -qF "u 解锁" || fail "locked year: no u in the bar"
bar | grep -qF "审定锁定" && fail "locked year: l 审定锁定 in the bar"
reason='发现D05否决记录需复核，经县考评委同意解锁后重新核实并再次审定' # 31 characters
keys u; wait_for "理由"; type_text "$reason"; keys Enter; wait_for "2026 年度已解锁"
screen | grep -qxF " $reason" || fail "the unlock reason is not whole under the history"
keys Q; wait_for "EXIT=0"
finish
