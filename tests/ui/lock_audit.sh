# 年度审定 and 审计日志 on the demo county: lock 2025 in the UI; an edit in the UI is refused
# and `kaoping import` exits with an error and writes nothing; unlocking without a reason is
# refused, with a reason it unlocks; the audit screen shows both events with the operator and
# the reason, and filters by table and unit.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { LC_ALL=C.UTF-8 KAOPING_OPERATOR=tester "$KAOPING_BIN" --db "$db" "$@"; }
locked() { sql "$db" "SELECT locked FROM year WHERE year = 2025"; }
d01() { sql "$db" "SELECT score FROM appraisal WHERE year = 2025 AND unit = 'D01'"; }
score_before=$(d01)

start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
keys l; wait_for "2025 年度: 未审定"; wait_for "考核结果: 46 个单位"
keys l; wait_for "(y/N)"; keys n; wait_gone "(y/N)"
expect_eq "$(locked)" 0 "lock answered no"
keys l; wait_for "(y/N)"; keys y
wait_for "2025 年度: 已审定 (锁定)"; wait_for "审定锁定 审定锁定"
expect_eq "$(locked)" 1 "locked in the UI"

# The UI refuses an edit of the locked year at the first keystroke; every screen's title
# says [已审定]; nothing is stored.
keys Escape; wait_for "菜单"
screen | head -1 | grep -q "2025 年度 \[已审定\]" || fail "title bar without the lock"
keys 5; wait_for "2025 年度公众评议"
type_text 12; wait_for "2025 年度已审定, 不能修改"
screen | grep -q "^D01 .* 12 " && fail "typing went into the locked grid"
keys F2; wait_for "2025 年度已审定, 不能修改"
expect_eq "$(d01)" "$score_before" "appraisal after a refused edit"
keys Escape; wait_for "菜单" # nothing was typed: no question
keys 6; wait_for "2025 年度 Q4 预警"; keys Enter; wait_for "2025 年度已审定, 不能登记整改"
keys Escape; wait_for "菜单"
keys 4; wait_for "加减分台账: 选择单位"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "D02 县教育局  2025 年度加减分台账"
keys d; wait_for "2025 年度已审定, 不能修改"; screen | grep -q "(y/N)" && fail "delete asked in a locked year"
keys Escape Escape; wait_for "菜单"

# The CLI refuses too, and writes nothing.
kp export appraisals --year 2025 -o "$work/pingyi.csv" >/dev/null || fail "export"
sed -i 's/^"2025","D01","[0-9.]*"/"2025","D01","55"/' "$work/pingyi.csv"
grep -q '^"2025","D01","55"' "$work/pingyi.csv" || fail "the edited CSV"
dump_before=$(sqlite3 "$db" .dump | md5sum)
kp import appraisals "$work/pingyi.csv" >/dev/null 2>"$work/err"
status=$?
[ "$status" -ne 0 ] || fail "import into a locked year exited 0"
grep -q "已审定" "$work/err" || fail "import message: $(cat "$work/err")"
expect_eq "$(sqlite3 "$db" .dump | md5sum)" "$dump_before" "database after the refused import"

# Unlock: an empty reason is refused; a reason unlocks.
keys l; wait_for "2025 年度: 已审定"
keys u; wait_for "理由"; keys Enter; wait_for "解锁需要填写理由, 未解锁"
expect_eq "$(locked)" 1 "unlock without a reason"
keys u; wait_for "理由"; type_text "复核更正录入错误"; keys Enter
wait_for "2025 年度已解锁"; wait_for "解锁     复核更正录入错误"
expect_eq "$(locked)" 0 "unlocked in the UI"
expect_eq "$(sql "$db" "SELECT lock_note FROM year WHERE year = 2025")" "复核更正录入错误" "reason"

# 审计日志: both events, newest first, with the operator; table and unit filters.
keys Escape; wait_for "菜单"
keys a; wait_for "审计日志"
for _ in 1 2 3 4 5 6 7 8 9; do keys t; done
wait_for "表: 年度"
wait_for "tester   解锁 年度     2025"
screen | sed -n 5p | grep -q "tester   审定 年度     2025" || fail "the lock is not the second row"
wait_for "修改: 审定 是→否, 理由 审定锁定→复核更正录入错误"
n_year=$(sql "$db" "SELECT count(*) FROM audit WHERE tbl = 'year'")
wait_for "审计日志 $n_year 条"
# the date prompt starts empty: a second date replaces the first
keys d; wait_for "从 (YYYY-MM-DD"; type_text 2026-01-01; keys Enter; wait_for "日期从: 2026-01-01"
keys d; wait_for "从 (YYYY-MM-DD"; type_text 2020-01-01; keys Enter; wait_for "日期从: 2020-01-01"
keys c; wait_for "已清除筛选"
keys u; wait_for "单位编码"; type_text D02; keys Enter; wait_for "单位: D02"
n_d02=$(kp audit --unit D02 --limit 0 | grep -c .)
wait_for "审计日志 $n_d02 条"
keys Q; wait_for "EXIT=0"
finish
