# 设置 → 评分来源: `r` renames the selected source (both 领导评估 rows of the zhengding preset, 10
# points for the four pools and 30 for 古城) and the year's scores of it follow, so the ranking
# is unchanged; a name another source has, an empty name and a locked year are refused, nothing
# written (docs/tui-results.md).
. "$(dirname "$0")/lib.sh"
db="$work/s.db"
kp() { "$KAOPING_BIN" --db "$db" "$@" >/dev/null || fail "kaoping $*"; }
printf '单位编码,单位名称,分组\nT01,南牛乡,乡镇\nD01,县教育局,县直部门\n' >"$work/units.csv"
kp import units "$work/units.csv"
kp scheme use zhengding --year 2026
printf '年度,单位编码,来源,分值,评分单位,日期\n2026,T01,领导评估,88,县委,2026-07-15\n2026,D01,领导评估,93,县委,2026-07-15\n' >"$work/scores.csv"
kp import scores "$work/scores.csv"
"$KAOPING_BIN" --db "$db" rank --year 2026 --format csv >"$work/before.csv" || fail "rank before"
names() { sql "$db" "SELECT group_concat(name, '/') FROM (SELECT name FROM score_source WHERE year = 2026 ORDER BY position)"; }
expect_eq "$(names)" "领导评估/领导评估/公众评估" "the preset's sources"

start --db "$db"
wait_for "菜单"
keys s; wait_for "2026 年度考核方案"
keys o; wait_for "2026 年度的评分来源"; wait_for "r 改名"
keys r; wait_for "评分来源「领导评估」改名"
keys C-u; type_text 公众评估; keys Enter
wait_for "未改名: 2026 年度已有评分来源「公众评估」: 换一个名称"
keys r; wait_for "评分来源「领导评估」改名"; keys C-u Enter
wait_for "未改名: 评分来源的名称不能为空"
expect_eq "$(names)" "领导评估/领导评估/公众评估" "sources after the refusals"
keys r; wait_for "评分来源「领导评估」改名"; keys C-u; type_text 领导考评; keys Enter
wait_for "评分来源「领导评估」已改名为「领导考评」(2 条评分随之改名)"
keys Q; wait_for "EXIT=0"
expect_eq "$(names)" "领导考评/领导考评/公众评估" "sources after the rename"
expect_eq "$(sql "$db" "SELECT group_concat(DISTINCT source) FROM score WHERE year = 2026")" "领导考评" "the scores' source"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit WHERE tbl IN ('score_source', 'score') AND action = 'update'")" 4 \
  "audit rows of the rename (2 sources, 2 scores)"
# The totals are those of before the rename (the scores still count): only the column's name changed.
"$KAOPING_BIN" --db "$db" rank --year 2026 --format csv >"$work/after.csv" || fail "rank after"
expect_eq "$(sed 's/领导考评/领导评估/g' "$work/after.csv" | cksum)" "$(cksum <"$work/before.csv")" "the ranking after the rename"

# A locked year refuses before asking.
kp lock --year 2026
$T kill-server 2>/dev/null
start --db "$db"
wait_for "菜单"
keys s; wait_for "2026 年度考核方案"; keys o; wait_for "2026 年度的评分来源"
keys r; wait_for "2026 年度已审定, 不能修改"
keys Q; wait_for "EXIT=0"
expect_eq "$(names)" "领导考评/领导考评/公众评估" "sources of the locked year"
finish
