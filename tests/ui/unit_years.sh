# Units per year in 单位管理 (issue 15): with 2025 locked, moving S04 to 金融机构 in 2026 saves
# for 2026 only; 2025's 排名结果 still shows S04 in 驻县单位 and the 2025 ranking is byte for
# byte what it was; editing S04 while 2025 is the current year is refused. x retires a unit
# from the current year on.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" lock --year 2025 >/dev/null || { echo "lock failed" >&2; exit 1; }
rank2025() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv; }
rank2025 >"$work/before.csv"

start --db "$db"
wait_for "菜单"
keys 1; wait_for "共 46 个单位"
keys /; wait_for "查找"; type_text S04; keys Enter; wait_for "找到: S04"
keys Enter; wait_for "*单位编码"; wait_for "中国邮政奇台县分公司"
keys Tab Tab F4; wait_for "> 驻县单位"; keys Down Enter; wait_gone "> 驻县单位"
keys F2; wait_for "已保存"
expect_eq "$(sql "$db" "SELECT year || pool FROM unit_year WHERE code = 'S04' ORDER BY year")" \
  "$(printf '2025驻县单位\n2026金融机构')" "S04's pool per year"

# x retires a unit from the current year on: refused while it has data there (S04's
# targets), before any question; a new unit without data leaves 2026 and stays a unit.
keys x; wait_for "不能退出: 单位 S04 在 2026 年度及以后还有"
keys a; wait_for "*单位编码"
type_text X97; keys Tab; type_text 县测试局; keys Tab F4; wait_for "> 乡镇"; keys Enter
keys F2; wait_for "已保存"; wait_for "共 47 个单位"
keys x; wait_for "单位 X97「县测试局」自 2026 年度起退出考核? (y/N)"; keys y
wait_for "X97 自 2026 年度起退出"; wait_for "共 46 个单位"
expect_eq "$(sql "$db" "SELECT from_year FROM unit_retired WHERE code = 'X97'")" "2026" "X97 retired"
expect_eq "$(sql "$db" "SELECT count(*) FROM unit_year WHERE code = 'X97'")" "0" "X97 in no year"

# 2025's ranking on screen: S04 is still in 驻县单位, not in 金融机构.
keys Escape; wait_for "菜单"
keys '['; wait_for "切换到 2025 年度"
keys r; wait_for "乡镇 (1/4 组)"
keys Tab Tab; wait_for "驻县单位 (3/4 组)"; wait_for "S04"
# ... with the rank and total the ranking had before the 2026 move (the CSV taken first).
s04=$(tr -d '\r"' <"$work/before.csv" | awk -F, '$2 == "S04" {print $1 " " $13}')
[ -n "$s04" ] || fail "S04 not in 2025's ranking CSV"
set -- $s04
screen | grep -Eq "^ +$1 +S04 .* $2 " || fail "2025's S04 row: rank $1, total $2"
keys Tab; wait_for "金融机构 (4/4 组)"
screen | grep -q "S04" && fail "S04 shown in 2025's 金融机构"
keys Escape; wait_for "菜单"

# In 2025 (locked) the same edit is refused, and nothing is written.
keys 1; wait_for "共 46 个单位"
keys /; wait_for "查找"; type_text S04; keys Enter; wait_for "找到: S04"
keys Enter; wait_for "*单位编码"
keys Tab Tab F4; wait_for "> 驻县单位"; keys Down Enter; wait_gone "> 驻县单位"
keys F2; wait_for "锁定"
keys Escape; wait_for "(y/N)"; keys y; wait_for "共 46 个单位"
keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
rank2025 >"$work/after.csv"
cmp -s "$work/before.csv" "$work/after.csv" || fail "the locked 2025 ranking changed"
expect_eq "$(sql "$db" "SELECT pool FROM unit_year WHERE code = 'S04' AND year = 2025")" "驻县单位" \
  "2025 keeps S04's pool"
finish
