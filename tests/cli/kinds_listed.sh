# The kinds the commands name come from the one table (app/kinds.c): the usage errors of import
# and export list every kind, and the help of each names every kind its errors list, so the
# prose cannot leave out a kind the table has (it had left out categories).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

kp() { "$KAOPING_BIN" --db "$work/none.db" "$@"; }
expect_status 2 kp import
expect_stderr_has "需要两个参数: 类型 (units/targets/progress/ledger/appraisals/categories/scores) 和文件"
imported=$(sed -n 's/.*类型 (\([a-z/]*\)) 和文件.*/\1/p' "$last_err" | tr / ' ')
expect_status 2 kp import widgets x.csv
expect_stderr_has "未知的类型 widgets (应为 units、targets、progress、ledger、appraisals、categories 或 scores)"
expect_status 2 kp import ranking x.csv
expect_stderr_has "ranking 是计算结果, 只能导出 (kaoping export ranking)"
expect_status 2 kp export
expect_stderr_has \
    "需要一个类型 (units/targets/progress/ledger/appraisals/categories/scores/ranking/monitor)"
exported=$(sed -n 's/.*需要一个类型 (\([a-z/]*\)).*/\1/p' "$last_err" | tr / ' ')
[ -n "$imported" ] && [ -n "$exported" ] || fail "no kind list in the usage errors"

expect_ok kp import --help
for k in $imported; do expect_stdout_has "$k ("; done
expect_ok kp export --help
for k in $exported; do expect_stdout_has "$k"; done
finish
