# n on the home screen (issue 15 item 4): the same choices as `kaoping year new --from`: the
# 任务书 on request, and the open rectifications when there are any; one transaction.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" rectify add --year 2026 --unit D02 --deadline 2026-12-31 \
  --text 加快项目进度 --today 2026-10-08 >/dev/null || { echo "rectify failed" >&2; exit 1; }
targets=$(sql "$db" "SELECT count(*) FROM target WHERE year = 2026")
# A second session keeps the tmux server up between the two runs (as forms_override.sh).
$T new-session -d -s hold "sleep 300"

start --db "$db"
wait_for "菜单"
keys n; wait_for "由 2026 年度新建 2027 年度 (方案、类别、分组和单位)? (y/N)"
keys y; wait_for "同时复制 2026 年度的任务书 (进度留空, 批复清除)? (y/N)"
keys y; wait_for "把 2026 年度 1 条未完成的整改结转到 2027 年度 (标为结转)? (y/N)"
keys y; wait_for "已新建 2027 年度: 46 个单位, 任务书 $targets 条, 结转整改 1 条"
wait_for "2027 年度"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM target WHERE year = 2027")" "$targets" "targets"
expect_eq "$(sql "$db" "SELECT count(*) FROM progress WHERE year = 2027")" "0" "no progress"
expect_eq "$(sql "$db" "SELECT r.unit FROM rectification r JOIN rectification o
  ON o.id = r.carried_from WHERE r.year = 2027 AND o.year = 2026")" "D02" "carried, linked"
$T kill-session -t kp

# No to both: units and scheme only.
start --db "$db"
wait_for "菜单"
keys n; wait_for "由 2027 年度新建 2028 年度"
keys y; wait_for "同时复制 2027 年度的任务书"
keys n; wait_for "把 2027 年度 1 条未完成的整改结转到 2028 年度"
keys n; wait_for "已新建 2028 年度: 46 个单位, 任务书 0 条, 结转整改 0 条"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM target WHERE year = 2028")" "0" "no targets"
expect_eq "$(sql "$db" "SELECT count(*) FROM rectification WHERE year = 2028")" "0" "none carried"
finish
