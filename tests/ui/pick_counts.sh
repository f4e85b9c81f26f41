# The unit pickers' counts (任务书: 条目数 and 分值合计; 季度进度: the quarter's 已填报 of the items,
# 未齐 when short), which each unit's row reads when it is first shown (db/load_counts.h): the
# first page, a unit found by search, the last unit (End), and again after a quarter switch,
# each against the same counts taken from the database with sqlite3 on the demo county's 2026
# (one Q3 row missing).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
first=$(sql "$db" "SELECT min(code) FROM unit_year WHERE year = 2026")
last=$(sql "$db" "SELECT max(code) FROM unit_year WHERE year = 2026")
short=$(sql "$db" "SELECT t.unit FROM target t WHERE t.year = 2026 AND NOT EXISTS (SELECT 1 FROM
  progress p WHERE p.year = 2026 AND p.quarter = 3 AND p.unit = t.unit AND p.item = t.item)")
[ -n "$first" ] && [ -n "$last" ] && [ "$(wc -w <<<"$short")" = 1 ] || fail "demo 2026 changed"
items() { # the 任务书 picker's last two columns of unit $1, as a pattern
  sql "$db" "SELECT count(*) || ' +' || printf('%.2f', sum(points)) FROM target WHERE year = 2026 AND unit = '$1'"
}
reported() { # reported/items of unit $1 in quarter $2
  sql "$db" "SELECT (SELECT count(*) FROM progress WHERE year = 2026 AND quarter = $2 AND unit = '$1')
    || '/' || (SELECT count(*) FROM target WHERE year = 2026 AND unit = '$1')"
}
row_has() { # row_has CODE REGEX: the picker's row of CODE comes to match REGEX (5 s at most)
  local i=0 line
  while [ $i -lt 500 ]; do
    line=$(screen | grep "^$1 ") && grep -Eq -- "$2" <<<"$line" && return 0
    sleep 0.01; i=$((i + 1))
  done
  fail "row of $1: '$line', expected /$2/"
}
find_unit() { keys /; wait_for "查找"; keys C-u; type_text "$1"; keys Enter; wait_for "找到: $1"; }

start --db "$db"
wait_for "菜单"; wait_for "2026 年度"
keys 2; wait_for "任务书: 选择单位"
for u in "$first" "$short" "$last"; do
  [ "$u" = "$last" ] && keys End || find_unit "$u"
  row_has "$u" " $(items "$u") *$"
done
keys Escape; wait_for "菜单"

keys 3; wait_for "选择季度和单位"; wait_for "季度: 第 3 季度"
row_has "$first" " $(reported "$first" 3) *$"
find_unit "$short"
r=$(reported "$short" 3); [ "${r%/*}" -lt "${r#*/}" ] || fail "$short is not short of Q3"
row_has "$short" " $r 未齐 *$"
keys Left; wait_for "季度: 第 2 季度"
row_has "$short" " $(reported "$short" 2) *$"
keys End; row_has "$last" " $(reported "$last" 2) *$"
keys Right; wait_for "季度: 第 3 季度"
row_has "$last" " $(reported "$last" 3) *$"
keys Q; wait_for "EXIT=0"
finish
