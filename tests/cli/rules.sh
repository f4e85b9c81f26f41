# One copy of each data rule (model/rules, model/calendar), seen through the CLI: a code with
# a space is refused by import with FILE:LINE: 列 NAME (as 单位管理 refuses it), nothing is
# written; the category-sum tolerance is the one `check` uses (0.001).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/t.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }

# --- "A 1": refused on import, with the file, line and column, and nothing written ---
printf '单位编码,单位名称,分组\nA1,甲单位,县直部门\nA 1,测试单位,县直部门\n' >"$work/u.csv"
expect_status 3 K import units "$work/u.csv"
expect_stderr_has "$work/u.csv:3: 列 单位编码: 「A 1」含有空格 (编码中不能有空格, 包括全角空格)"
expect_stderr_has "未写入任何数据"
expect_ok K export units
expect_stdout_lacks "A1"
# The full-width space (U+3000) counts as a space too; so does a space in an item code.
printf 'code,name,pool\nA\xe3\x80\x801,测试单位,县直部门\n' >"$work/u2.csv"
expect_status 3 K import units "$work/u2.csv"
expect_stderr_has "$work/u2.csv:2: 列 code: 「A　1」含有空格"
printf '单位编码,单位名称,分组\nA1,甲单位,县直部门\n' >"$work/u3.csv"
expect_ok K import units "$work/u3.csv"
printf '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\n2025,A1,T 1,目标任务,招商,30,比例,10\n' \
  >"$work/t.csv"
expect_status 3 K import targets "$work/t.csv"
expect_stderr_has "$work/t.csv:2: 列 指标编码: 「T 1」含有空格"

# --- the category sum: a difference below 0.001 is rounding, for import as for check ---
printf '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\n2025,A1,T1,目标任务,招商,29.9995,比例,10\n' \
  >"$work/t2.csv"
expect_ok K import targets "$work/t2.csv"
expect_stderr_lacks() { ! grep -qF -- "$1" "$last_err" || fail "stderr has: $1"; }
expect_stderr_lacks "指标分值合计"
printf '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\n2025,A1,T1,目标任务,招商,29.99,比例,10\n' \
  >"$work/t3.csv"
expect_ok K import targets "$work/t3.csv"
expect_stderr_has "A1 2025 年度「目标任务」的指标分值合计 29.99, 类别分值为 30"
finish
