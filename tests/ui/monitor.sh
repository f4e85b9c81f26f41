# 双监控 and 整改 on the demo county: the warnings of 2026 Q3 on screen are those of
# `kaoping monitor` (count, order of the first, rates and lags), quarters switch, the unit
# summary's 通报 list is that of `monitor --summary`; Enter on a warning raises a rectification
# (prefilled form, saved with its source), 整改 lists it and closes it with a Chinese note;
# an overdue record is marked and filtered; a prefilled text longer than the field is cut.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@"; }
csv_rows() { kp monitor --year 2026 --quarter "$1" --format csv | tail -n +2 | tr -d '"\r'; }

q3=$(csv_rows 3)
n3=$(printf '%s\n' "$q3" | grep -c .)
n2=$(csv_rows 2 | grep -c .)
first=$(printf '%s\n' "$q3" | head -1) # unit,name,item,item name,q,schedule,c,c lag,c level,e,e lag,...
IFS=, read -r f_unit _ f_item _ _ _ f_c f_cl _ f_e f_el _ <<<"$first"
[ "$n3" -gt 5 ] || fail "the demo should have Q3 warnings (got $n3)"

start --db "$db"
wait_for "菜单"
keys 6; wait_for "2026 年度 Q3 预警 $n3 条"
screen | grep -Eq "^!!红色.* $f_unit .* $f_item .* $f_c +$f_e +75 +$f_cl +$f_el" ||
  fail "first warning row is not $first"
keys 2; wait_for "2026 年度 Q2 预警 $n2 条"
keys Right; wait_for "2026 年度 Q3 预警 $n3 条"

# The unit summary and the 通报 list (units below 序时进度, furthest behind first).
below=$(kp monitor --year 2026 --quarter 3 --summary | sed -n '/低于序时进度/,$p' |
  grep -Eo '^  [A-Z][0-9]+' | tr -d ' ' | head -3 | tr '\n' ' ')
keys Tab; wait_for "单位汇总 46 个"
keys b; wait_for "只看低于序时进度的单位"
for code in $below; do screen | grep -q "^$code " || fail "$code not in the 通报 list on screen"; done
screen | sed -n 4p | grep -q "^${below%% *} " || fail "the furthest behind is not first"
keys Tab; wait_for "Q3 预警 $n3 条"

# Enter on the first warning: the form is prefilled; saved as an open record from the item.
keys Enter; wait_for "登记整改"; wait_for "整改对象: 第 3 季度 !!红色"
screen | grep -q "整改对象: .*, $f_unit " || fail "the form does not name $f_unit"
wait_for "落后序时"
# A deadline already past asks first (the record would be overdue at once); n keeps the form.
keys C-u; type_text 2020-01-01; keys F2
wait_for "期限 2020-01-01 早于今天, 这条整改一登记就逾期, 仍要保存? (y/N)"; keys n
wait_for "期限 2020-01-01 早于今天, 请改正"
expect_eq "$(sql "$db" "SELECT count(*) FROM rectification")" 0 "a refused past deadline"
keys C-u; type_text "$(date -d '+30 days' +%F)"; keys F2; wait_for "已保存"
list=$(kp rectify list --year 2026)
printf '%s\n' "$list" | grep -q "$f_unit .*未完成 *$f_item 第3季度" || fail "rectification not stored: $list"
# The same warning again: asked first; n raises nothing.
keys Enter; wait_for "这一条已有未完成的整改"; keys n; wait_gone "(y/N)"
expect_eq "$(sql "$db" "SELECT count(*) FROM rectification")" 1 "a second rectification of the same warning"

# 整改: close it with a note typed in Chinese.
keys Escape; wait_for "菜单"
keys 7; wait_for "2026 年度整改 1 条: 未完成 1"
wait_for "Q3 $f_item"
keys Enter; wait_for "完成情况"; type_text "已约谈并调整支出计划"; keys Enter
wait_for "未完成 0"
kp rectify list --year 2026 | grep -q "已完成.*已约谈并调整支出计划" || fail "not closed in the store"
keys Enter; wait_for "已经完成"

# A long item name: the prefilled text is cut to the field, and saves as it is.
keys Escape; wait_for "菜单"; keys 6; wait_for "Q3 预警 $n3 条"
keys /; wait_for "查找"; type_text "学校和卫生院"; keys Enter; wait_for "找到: 学校和卫生院"
keys Enter; wait_for "整改对象: 第 3 季度 !黄色, T09"
wait_for "完成率落后序时 12.50, 预算执行落后 9.95 个百分点, 请整改"
keys Down; screen | grep -q "整改对象: 第 3 季度 !黄色, T09" || fail "the form's context went at the first key"
keys F2; wait_for "已保存"
expect_eq "$(sql "$db" "SELECT count(*) FROM rectification WHERE unit = 'T09' AND status = 'open'")" \
  1 "rectification with a long prefilled text"

# An overdue record (raised late through the CLI) is marked and has its own filter.
kp rectify add --year 2026 --unit D14 --deadline 2026-01-31 --text "补报资金使用说明" \
  --today 2026-01-05 >/dev/null || fail "rectify add"
keys Escape; wait_for "菜单"; keys 7; wait_for "其中逾期 1"
wait_for "逾期   D14" # the row may be drawn a moment after the count above it
keys f; wait_for "显示: 未完成 (2)"
keys f; wait_for "显示: 逾期 (1)"
keys f; wait_for "显示: 已完成 (1)"
screen | grep -q "D14" && fail "done filter shows the open D14"
keys Q; wait_for "EXIT=0"
finish
