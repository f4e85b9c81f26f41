# import/export categories (docs/csv.md, docs/scheme.md): 年度, 分组, 类别, 分值; a file gives
# each pool it names its whole list. An export reads back unchanged (CSV and .xlsx); a list
# that breaks the pool's sum, drops a category items use, or names a pool the year lacks is
# refused (exit 3) and nothing is written.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/demo.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok kp demo
year=$(kp scheme show | head -1 | cut -d' ' -f1)

expect_ok kp export categories --year "$year" -o "$work/c.csv"
head -1 "$work/c.csv" | grep -q '"年度","分组","类别","分值"' || fail "header"
# 6 乡镇 categories + 4 × 3 other pools
[ "$(($(wc -l <"$work/c.csv") - 1))" = 18 ] || fail "18 rows expected"
expect_ok kp import categories "$work/c.csv"
expect_stdout_has "新增 0, 更新 0, 未变 18"
expect_ok kp export categories --year "$year" -o "$work/c.xlsx"
expect_ok kp import categories "$work/c.xlsx"
expect_stdout_has "新增 0, 更新 0, 未变 18"

before=$(kp scheme show)
# 经济发展 20 → 25 alone: 95, reported on the pool's first row
sed 's/"乡镇","经济发展","20"/"乡镇","经济发展","25"/' "$work/c.csv" > "$work/sum.csv"
expect_status 3 kp import categories "$work/sum.csv"
expect_stderr_has "sum.csv:2: $year 年度分组 乡镇 的类别合计 95, 应为 半年初评 30 + 年终总评 60 = 90"
# dropping 经济发展 (and giving its 20 to 社会发展) while items use it
grep -v '"乡镇","经济发展"' "$work/c.csv" | sed 's/"乡镇","社会发展","15"/"乡镇","社会发展","35"/' > "$work/drop.csv"
expect_status 3 kp import categories "$work/drop.csv"
expect_stderr_has "的类别「经济发展」下有"
# a pool the year does not have
printf '年度,分组,类别,分值\n%s,村,村级事务,90\n' "$year" > "$work/pool.csv"
expect_status 3 kp import categories "$work/pool.csv"
expect_stderr_has "pool.csv:2: 列 分组: $year 年度没有分组「村」 (先用 kaoping pool add 添加)"
[ "$(kp scheme show)" = "$before" ] || fail "a refused import changed the categories"

# a new category with the points taken from another, in one file: written, in file order
sed 's/"乡镇","经济发展","20"/"乡镇","经济发展","15"/' "$work/c.csv" > "$work/add.csv"
printf '"%s","乡镇","村级事务","5"\r\n' "$year" >> "$work/add.csv"
expect_ok kp import categories "$work/add.csv"
expect_stdout_has "新增 1, 更新 1, 未变 17"
kp scheme show | grep -qF "  乡镇: 全局性重点工作 15, 经济发展 15, 社会发展 15, 公共管理服务 20, 作风效能建设 10, 专项考核 10, 村级事务 5  (合计 90)" \
  || fail "added category"
finish
