# 季度进度's quarter picker opens on the quarter being reported (docs/tui.md, rules_working_quarter):
# on the demo county 2026 on 第 3 季度 (the latest with progress, one Q3 row still missing), 2025 on
# 第 4 季度, and a past year whose Q1 is complete on 第 2 季度; the operator's own pick then stays.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
kp() { "$KAOPING_BIN" --db "$db" "$@" >/dev/null || fail "kaoping $*"; }
kp demo
# 2024: the 2025 任务书 with only its complete first quarter.
kp year new 2024 --from 2025 --with-targets
kp export progress --year 2025 -o "$work/p25.csv"
{ head -1 "$work/p25.csv"; grep '^"2025","[^"]*","[^"]*","1",' "$work/p25.csv" | sed 's/^"2025"/"2024"/'; } >"$work/p24.csv"
kp import progress "$work/p24.csv"
[ "$(sql "$db" "SELECT count(*) FROM progress WHERE year = 2024")" = \
  "$(sql "$db" "SELECT count(*) FROM target WHERE year = 2024")" ] || fail "2024 Q1 not complete"

start --db "$db"
wait_for "菜单"
pick="季度进度: 选择季度和单位"
keys 3; wait_for "$pick"; wait_for "季度: 第 3 季度"
keys Escape; wait_for "菜单"; keys '['; wait_for "2025 年度"
keys 3; wait_for "$pick"; wait_for "季度: 第 4 季度"
keys Escape; wait_for "菜单"; keys '['; wait_for "2024 年度"
keys 3; wait_for "$pick"; wait_for "季度: 第 2 季度"
# The operator's pick stays for the year, also after going home.
keys 1; wait_for "季度: 第 1 季度"
keys Escape; wait_for "菜单"; keys 3; wait_for "$pick"; wait_for "季度: 第 1 季度"
keys Q; wait_for "EXIT=0"
finish
