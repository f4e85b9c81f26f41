# A grid's refusal names the row's unit (issue 17: errors gave a row number only): 公众评议's
# 101 for D02 and a satisfaction without a score for D03 say 第 N 行 CODE NAME; nothing is saved.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 5; wait_for "2026 年度公众评议"
keys Down; type_text 101; keys F2
wait_for "未保存: 第 2 行 D02 县教育局 评议得分: 应在 0 到 100 之间"
keys BSpace BSpace BSpace; keys Down; keys Tab; type_text 70; keys F2
wait_for "未保存: 第 3 行 D03 县科学技术局: 填了满意率时评议得分必填"
keys F10; wait_for "(y/N)"; keys y; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM appraisal WHERE year = 2026")" 0 "2026 appraisals"
finish
