# 整改: the selection follows the record. A 整改 just added (T03) is the selected one when its
# form closes, so Enter closes that one (the cursor stayed on the first row, D05's: Enter then
# closed a record the operator had not chosen); after the close re-sorts the list (done ones
# last) the closed T03 stays selected.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" rectify add --year 2026 --unit D05 --deadline 2026-12-31 \
  --text 窗口服务整改 >/dev/null || fail "rectify add D05"
status() { sql "$db" "SELECT unit || ':' || status FROM rectification WHERE year = 2026 ORDER BY unit"; }
start --db "$db"
wait_for "菜单"
keys 7; wait_for "窗口服务整改"
keys a; wait_for "新增整改: 选择单位"; keys /; type_text T03; keys Enter; wait_for "找到: T03"
keys Enter; wait_for "新整改: T03 半截沟镇"
type_text 村务公开栏未按季度更新; keys F2 # the form opens on 整改要求
wait_for "整改要求: 村务公开栏未按季度更新" # the detail: the new record is the selected one
keys Enter; wait_for "关闭整改: T03 半截沟镇"
type_text 已更新公开栏; keys F2
wait_for "完成情况: 已更新公开栏"
screen | grep -qF "整改要求: 村务公开栏未按季度更新" || fail "the closed T03 is no longer selected"
keys Q; wait_for "EXIT=0"
expect_eq "$(status | tr '\n' ' ')" "D05:open T03:done " "the records after the close"
finish
