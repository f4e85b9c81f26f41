# Rough edges of a season's walk at 80×24 (the empty unit picker's hint: tests/ui/fresh.sh): a
# 台账 form names the unit (查访核验 D01); the 半年初评 shows - for 评议折算 (not part of it;
# it showed 0.00); the explanation under 排名结果 breaks its formula at a space, not inside
# 投诉查处扣分.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 4; wait_for "加减分台账: 选择单位"; keys Enter; wait_for "D01 县发展和改革委员会"
keys 1; wait_for "查访核验 D01"; keys Escape; wait_for "D01 县发展和改革委员会"
keys Escape; wait_for "选择单位"; keys Escape; wait_for "菜单"
keys r; wait_for "排名结果"
wait_for "集中考核"
screen | grep -q "投诉查处扣分 0.00 = 总分" || fail "the formula is cut inside 投诉查处扣分"
keys h; wait_for "半年初评"
screen | grep -E "^ +1 " | head -1 | grep -qE "^ +1 .{10,} +[0-9.]+ +- " ||
  fail "the 半年初评's 评议折算 is not -"
keys Q; wait_for "EXIT=0"
finish
