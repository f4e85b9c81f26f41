# 加分 under a scheme whose 加分上限 is 0 (the demo's qitai): the form says at once that the
# record is kept but counts nothing (it saved with only 已保存, and the total did not move);
# under beijing (上限 5) it says nothing of the kind.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 4; wait_for "选择单位"; keys Enter; wait_for "加减分台账"
keys 3; wait_for "*加分事由"
wait_for "本年度方案的加分上限为 0: 加分记录保存, 但不计入总分 (设置 → 加分上限)"
keys Escape; wait_for "加减分台账"; keys Q; wait_for "EXIT=0"
$T kill-server 2>/dev/null
"$KAOPING_BIN" --db "$db" scheme use beijing --year 2026 --keep-categories >/dev/null || fail "scheme use beijing"
start --db "$db"
wait_for "菜单"
keys 4; wait_for "选择单位"; keys Enter; wait_for "加减分台账"
keys 3; wait_for "*加分事由"
screen | grep -qF "加分上限为 0" && fail "beijing (上限 5): the cap-0 note shown"
keys Escape; wait_for "加减分台账"; keys Q; wait_for "EXIT=0"
finish
