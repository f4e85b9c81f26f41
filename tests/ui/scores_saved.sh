# 评分录入: a save leaves nothing to take back. The screen reloads its grid after F2, and the
# saved cells were kept as a discarded edit: the bar offered u 撤销 after every save, and u put
# the saved scores back as unsaved edits (已撤销: 放弃「评分 ...」中未保存的修改).
. "$(dirname "$0")/lib.sh"
db="$work/s.db"
kp() { "$KAOPING_BIN" --db "$db" "$@" >/dev/null || fail "kaoping $*"; }
printf '单位编码,单位名称,分组\nT01,南牛乡,乡镇\nD01,县教育局,县直部门\n' >"$work/units.csv"
kp import units "$work/units.csv"
kp scheme use zhengding --year 2026
start --db "$db"
wait_for "菜单"
keys 8; wait_for "来源 1/2「领导评估」"
type_text 88; keys Enter; type_text 91.5; keys F2; wait_for "已保存 (2 行)"
screen | tail -1 | grep -qF "u 撤销" && fail "the bar offers u after a save"
keys u; wait_for "没有可撤销的删除"
screen | grep -qF "尚未保存" && fail "u put saved scores back as unsaved edits"
keys Escape; wait_for "菜单" # nothing unsaved: no question
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT group_concat(unit || '=' || value, ' ') FROM (SELECT unit, value FROM score ORDER BY unit)")" \
  "D01=88.0 T01=91.5" "the saved scores"
finish
