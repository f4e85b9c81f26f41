# kaoping source rename --year Y OLD NEW: the same store function as 设置 → 评分来源 `r`
# (store_source_rename): both 领导评估 rows of the zhengding preset and the year's two scores
# of it are renamed, the ranking is unchanged, the audit has the four rows; a taken name, an
# empty name, an unknown source, a missing argument and a locked year are refused with nothing
# written.
. "$(dirname "$0")/lib.sh"
db="$work/s.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
printf '单位编码,单位名称,分组\nT01,南牛乡,乡镇\nD01,县教育局,县直部门\n' >"$work/units.csv"
expect_ok kp import units "$work/units.csv"
expect_ok kp scheme use zhengding --year 2026
printf '年度,单位编码,来源,分值,评分单位,日期\n2026,T01,领导评估,88,县委,2026-07-15\n2026,D01,领导评估,93,县委,2026-07-15\n' >"$work/scores.csv"
expect_ok kp import scores "$work/scores.csv"
kp rank --year 2026 --format csv >"$work/before.csv" || fail "rank before"
names() { sqlite3 -batch -noheader "$db" "SELECT group_concat(name, '/') FROM (SELECT name FROM score_source WHERE year = 2026 ORDER BY position)"; }
sources() { sqlite3 -batch -noheader "$db" "SELECT group_concat(source, '/') FROM (SELECT source FROM score WHERE year = 2026 ORDER BY unit)"; }
audit() { sqlite3 -batch -noheader "$db" "SELECT count(*) FROM audit"; }
[ "$(names)" = "领导评估/领导评估/公众评估" ] || fail "the preset's sources: $(names)"
audit0=$(audit)

expect_status 3 kp source rename --year 2026 领导评估 公众评估
expect_stderr_has "2026 年度已有评分来源「公众评估」: 换一个名称; 未作任何修改"
expect_status 3 kp source rename --year 2026 领导评估 ""
expect_stderr_has "评分来源的名称不能为空"
expect_status 3 kp source rename --year 2026 部门互评 领导考评
expect_stderr_has "2026 年度没有评分来源「部门互评」"
expect_status 2 kp source rename --year 2026 领导评估
expect_stderr_has "source rename 需要原名称和新名称两个参数"
expect_status 2 kp source list
[ "$(audit)" = "$audit0" ] || fail "audit rows after the refusals"

expect_ok kp source rename --year 2026 领导评估 领导考评
expect_stdout_has "2026 年度评分来源「领导评估」已改名为「领导考评」(2 条评分随之改名)"
[ "$(names)" = "领导考评/领导考评/公众评估" ] || fail "sources after the rename: $(names)"
[ "$(sources)" = "领导考评/领导考评" ] || fail "scores after the rename: $(sources)"
[ "$(audit)" = "$((audit0 + 4))" ] || fail "audit rows of the rename: $(($(audit) - audit0))"
kp rank --year 2026 --format csv >"$work/after.csv" || fail "rank after"
# the same totals, grades and ranks; only the source's column is headed by its new name
tail -n +2 "$work/before.csv" >"$work/before.rows"; tail -n +2 "$work/after.csv" >"$work/after.rows"
expect_same "$work/before.rows" "$work/after.rows"
head -1 "$work/after.csv" | grep -q '"领导考评"' || fail "the ranking's column is not renamed"

expect_ok kp lock --year 2026
expect_status 3 kp source rename --year 2026 领导考评 领导评估
expect_stderr_has "该年度已审定 (锁定), 不能修改; 如需修改请先解锁; 未作任何修改"
[ "$(names)" = "领导考评/领导考评/公众评估" ] || fail "a locked year's sources changed: $(names)"
expect_ok kp source --help
expect_stdout_has "用法: kaoping source rename OLD NEW [--year Y]"
finish
