# Thousands of rows: 1500 units, 3000 items, 4500 ledger records. Lists open, jump to the end
# and search quickly (only the visible rows are drawn). Prints the time of each step.
. "$(dirname "$0")/lib.sh"
gen="$(dirname "$KAOPING_BIN")/ui_bigdb"
db="$work/big.db"
"$gen" "$db" 1500 || { echo "generator failed" >&2; exit 1; }

ms() { date +%s%3N; }
step() { # step LABEL EXPECTED KEYS...: sends keys, waits for EXPECTED, prints the time
  local label=$1 want=$2; shift 2
  local t0; t0=$(ms)
  keys "$@"; wait_for "$want" 20
  echo "$label: $(( $(ms) - t0 )) ms"
}
t0=$(ms)
start --db "$db"
wait_for "菜单" 20
echo "start: $(( $(ms) - t0 )) ms"
step "单位管理 (1500)" "共 1500 个单位" 1
step "End" "U01500" End
step "Home" "U00001" Home
keys /; wait_for "查找"; type_text 第750号; step "search" "找到: 第750号" Enter
keys Escape; wait_for "菜单"
step "加减分台账 picker" "U00001" 4
step "End" "U01500" End
step "open ledger" "查访核验 1.50/2" Enter
keys Escape; wait_for "U01500"; keys Escape; wait_for "菜单"
step "公众评议 (1500)" "已录入 0/1500" 5
step "End" "U01500" End
type_text 88; step "save one" "已保存 (1 行)" F2
keys Escape; wait_for "菜单"
total=$(( $(ms) - t0 ))
echo "total: $total ms"
# the bound is for normal builds; a sanitizer build is several times slower by design
if ! ldd "$KAOPING_BIN" 2>/dev/null | grep -q libasan; then
  [ "$total" -lt 30000 ] || fail "too slow: $total ms"
fi
keys F10; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT score FROM appraisal WHERE unit='U01500'")" "88.0" "appraisal saved"
finish
