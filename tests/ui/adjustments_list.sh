# 任务书 `j` (the year's target adjustments) at 80×24: the 记录日期 column is on screen (it was
# pushed past the edge, only a `~` in the header) and the detail rows have the selected
# adjustment's reason and approver whole.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
kp() { "$KAOPING_BIN" --db "$db" "$@" >/dev/null || fail "kaoping $*"; }
kp demo
kp targets approve --year 2026 --approved-by 张县长 D01
kp export targets --year 2026 -o "$work/t.csv"
reason="上级下达的营商环境改革任务调整后新增一项省级试点事项需在年内完成"
/usr/bin/python3 - "$work/t.csv" "$work/adj.csv" "$reason" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
head = rows[0]
out = csv.writer(open(sys.argv[2], "w", encoding="utf-8"))
out.writerow(head + ["调整原因", "批准人", "起始季度"])
for r in rows[1:]:
    if r[1] == "D01" and r[2] == "A12":
        r[head.index("目标值")] = "12"
        out.writerow(r + [sys.argv[3], "张县长", "3"])
PY
kp import targets "$work/adj.csv"
today=$(sql "$db" "SELECT substr(recorded_at, 1, 10) FROM target_adjustment")
[ -n "$today" ] || fail "no adjustment stored"
start --db "$db"
wait_for "菜单"
keys 2; wait_for "任务书: 选择单位"; keys Enter; wait_for "已批复"
keys j; wait_for "2026 年度目标调整 1 条"
wait_for "记录日期"; wait_for "$today"
# the detail rows above the status line (20-22 of 24) hold the reason and the approver whole,
# the reason starting its own row (it fits one)
wait_for "/ 张县长"
screen | sed -n '20,22p' | grep -qF " $reason / 张县长" ||
  fail "the reason is not whole on the detail rows"
screen | sed -n '20,22p' | grep -qF "$today" || fail "the date is not on the detail rows"
keys j; wait_for "已批复"; keys Escape; wait_for "选择单位"; keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
finish
