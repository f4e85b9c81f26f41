# The home screen keeps what it computed from the year while the data is unchanged (Esc back
# costs nothing on a province), and computes it again as soon as anything changed: another
# connection's commit (a units file imported by the CLI while the workstation is in 单位管理)
# and this connection's own write (the unit deleted in 单位管理).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
printf '单位编码,单位名称,分组\nX99,缓存测试局,驻县单位\n' >"$work/units.csv"

start --db "$db"
wait_for "任务书 46/46 单位"
keys 1; wait_for "共 46 个单位"
keys Escape; wait_for "任务书 46/46 单位"
keys 1; wait_for "共 46 个单位"
"$KAOPING_BIN" --db "$db" import units "$work/units.csv" >/dev/null || fail "import units"
keys Escape; wait_for "任务书 46/47 单位"
keys 1; wait_for "共 47 个单位"
keys /; wait_for "查找"; type_text 缓存测试局; keys Enter; wait_for "找到: 缓存测试局"
keys d; wait_for "? (y/N)"; keys y; wait_for "已删除 X99"; wait_for "共 46 个单位"
keys Escape; wait_for "任务书 46/46 单位"
keys Q; wait_for "EXIT=0"
finish
