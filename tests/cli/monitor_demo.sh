# The demo county's deliberate 双监控 cases (docs/demo.md) show up as an operator expects in
# 2026 Q3, and a rectification raised from one of them can be closed.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/demo.db"
k() { "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok k demo

# D13: completion ahead of schedule, spending far behind -> execution red and 不匹配
expect_ok k monitor --year 2026 --quarter 3 --unit D13 --format json
expect_stdout_has '{"unit": "D13", "item": "B21", "quarter": 3, "schedule": 75.00, "completion": 86.00, "execution": 40.00, "completion_lag": -11.00, "execution_lag": 35.00, "completion_level": "normal", "execution_level": "red", "mismatch": true, "deviation": null, "action": null, "decision": null, "decision_on": null, "corrected": false}'
# D12 B21 at 66 % against 75 %: 黄色预警 (lag 9)
expect_ok k monitor --year 2026 --quarter 3 --unit D12 --format json
expect_stdout_has '"item": "B21", "quarter": 3, "schedule": 75.00, "completion": 66.00'
expect_stdout_has '"completion": 66.00'
expect_stdout_has '"completion_lag": 9.00'
expect_stdout_has '"completion_level": "yellow"'
# D14 B21 at 48 %: 红色预警 (lag 27)
expect_ok k monitor --year 2026 --quarter 3 --unit D14 --level red
expect_stdout_has "B21"
expect_stdout_has "27.00  红色预警"
# T03 B22 not reported: 未填报, not a zero
expect_ok k monitor --year 2026 --quarter 3 --unit T03 --format json
expect_stdout_has '"item": "B22", "quarter": 3, "schedule": 75.00, "completion": null, "execution": null, "completion_lag": null, "execution_lag": null, "completion_level": "missing"'
# The 通报 list: D13 is furthest behind on money
expect_ok k monitor --year 2026 --quarter 3 --summary --format json
expect_stdout_has '"below_schedule": ["D13", "T09"]}'  # the deliberate laggards, and only they
expect_ok k monitor --year 2026 --quarter 3 --summary
expect_stdout_has "低于序时进度的单位 (季度通报依据)"
expect_stdout_has "  D13 县交通运输局  执行率 40.00%, 序时进度 75.00%, 落后 35.00 个百分点"
# Red warnings come first, D13's 35-point execution lag among them
expect_ok k monitor --year 2026 --quarter 3
sed -n 5p "$last_out" | grep -q "红色预警" || fail "first warning is not red"

# Raise a rectification from D13's warning and close it
expect_ok k rectify add --year 2026 --unit D13 --from-item B21 --quarter 3 \
  --deadline 2026-12-15 --text "预算执行率 40%, 落后序时进度 35 个百分点" --today 2026-10-10
id=$(sed -n 's/^已登记整改 \([0-9a-f]\{32\}\) .*/\1/p' "$last_out")
[ ${#id} -eq 32 ] || fail "no id printed by rectify add"
expect_ok k rectify list --year 2026 --overdue --today 2026-12-16
expect_stdout_has "${id:0:8}  D13"
expect_stdout_has "逾期"
expect_ok k rectify done "${id:0:6}" --note "已加快拨付" --today 2026-12-20
expect_ok k rectify list --year 2026 --open --today 2026-12-21
expect_stdout_has "没有整改记录"
expect_ok k audit --table rectification --limit 2
expect_stdout_has '"close_note":"已加快拨付"'
finish
