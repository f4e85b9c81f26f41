# 双监控 corrections (issue 15 item 5): in 季度进度 `r` types the 偏差原因 and `c` the 整改措施 of
# the selected item and quarter (saved at once, audited); 双监控 shows both under the selected
# warning, at 80×24 and at 132×43; `kaoping export progress` writes them as the columns
# 偏差原因 and 整改措施, an import without those columns keeps them and one with them replaces
# them. A quarter without saved progress is refused before the question.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@"; }
row() { sql "$db" "SELECT coalesce(deviation,'-') || '|' || coalesce(action,'-') FROM progress WHERE year=2026 AND unit='D13' AND item='A11' AND quarter=3"; }
audit_before=$(sql "$db" "SELECT count(*) FROM audit WHERE tbl='progress'")

start --db "$db"
wait_for "菜单"
keys 3; wait_for "季度进度: 选择季度和单位"; keys 3; wait_for "第 3 季度"
keys /; wait_for "查找"; type_text D13; keys Enter; wait_for "找到: D13"
keys Enter; wait_for "累计完成"
keys r; wait_for "A11 第 3 季度偏差原因"; type_text 资金拨付滞后; keys Enter
wait_for "已保存 A11 第 3 季度偏差原因"
keys c; wait_for "A11 第 3 季度整改措施"; type_text 督促拨付并每周通报; keys Enter
wait_for "已保存 A11 第 3 季度整改措施"
wait_for "偏差原因: 资金拨付滞后  整改措施: 督促拨付并每周通报"
expect_eq "$(row)" "资金拨付滞后|督促拨付并每周通报" "stored"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit WHERE tbl='progress'")" "$((audit_before + 2))" "two audited updates"
keys Escape; wait_for "第 3 季度"; keys Escape; wait_for "菜单"

# Q4 has no saved progress: refused, nothing asked
keys 3; wait_for "季度进度: 选择季度和单位"; keys 4; wait_for "第 4 季度"
keys /; wait_for "查找"; type_text D13; keys Enter; wait_for "找到: D13"
keys Enter; wait_for "累计完成"
keys r; wait_for "A11 第 4 季度还没有保存的进度"
keys Escape; wait_for "第 4 季度"; keys Escape; wait_for "菜单"

keys 6; wait_for "Q3 预警"
wait_for "D13 县交通运输局  A11"
wait_for "偏差原因: 资金拨付滞后"   # at 80 the detail rows break between values:
wait_for " 整改措施: 督促拨付并每周通报"   # the measure whole on the second row
resize 132 43
wait_for "偏差原因: 资金拨付滞后  整改措施: 督促拨付并每周通报"
keys F10; wait_for "EXIT=0"

# the CSV columns
kp export progress --year 2026 -o "$work/p.csv" >/dev/null || fail "export progress"
head -1 "$work/p.csv" | grep -q '"备注","偏差原因","整改措施"' || fail "progress header: $(head -1 "$work/p.csv")"
grep -F '"D13","A11","3",' "$work/p.csv" | grep -q '"资金拨付滞后","督促拨付并每周通报"' || fail "D13 A11 Q3 row"
printf '年度,单位编码,指标编码,季度,累计完成值\n2026,D13,A11,3,%s\n' \
  "$(sql "$db" "SELECT actual FROM progress WHERE year=2026 AND unit='D13' AND item='A11' AND quarter=3")" >"$work/keep.csv"
kp import progress "$work/keep.csv" >/dev/null || fail "import without the columns"
expect_eq "$(row)" "资金拨付滞后|督促拨付并每周通报" "kept by an import without the columns"
printf '年度,单位编码,指标编码,季度,累计完成值,偏差原因,整改措施\n2026,D13,A11,3,%s,项目开工推迟,\n' \
  "$(sql "$db" "SELECT actual FROM progress WHERE year=2026 AND unit='D13' AND item='A11' AND quarter=3")" >"$work/new.csv"
kp import progress "$work/new.csv" >/dev/null || fail "import with the columns"
expect_eq "$(row)" "项目开工推迟|-" "replaced (an empty cell clears)"
finish
