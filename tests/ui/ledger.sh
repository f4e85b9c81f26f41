# 加减分台账: sums against the cap in the picker and the part beyond the cap marked in the list
# (D22 in 2025: 1.0 + 1.0 + 0.5 against 2); editing a record keeps its id; deleting asks.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }

start --db "$db"
wait_for "菜单"
keys '['; wait_for "切换到 2025 年度"
keys 4; wait_for "加减分台账: 选择单位"
keys /; wait_for "查找"; type_text D22; keys Enter; wait_for "找到: D22"
wait_for "2.50/2 超0.50"
# The 否决 column names vetoed units only (it once repeated the 投诉查处 sum).
keys /; wait_for "查找"; keys C-u; type_text D02; keys Enter; wait_for "找到: D02"
screen | grep "^D02 " | grep -Eq ' 0\.50/2 *$' || fail "D02's last column is not its 投诉查处: $(screen | grep "^D02 ")"
keys /; wait_for "查找"; keys C-u; type_text T07; keys Enter; wait_for "找到: T07"
screen | grep -q "^T07 .*否决 *$" || fail "T07 (vetoed) not marked 否决"
keys /; wait_for "查找"; keys C-u; type_text D22; keys Enter; wait_for "找到: D22"
keys Enter; wait_for "D22 县市场监督管理局  2025 年度加减分台账"
wait_for "查访核验 2.50/2 (超出不计)"
wait_for "!超 0.50"
[ "$(screen | grep -c '!超 ')" -eq 1 ] || fail "only the last record goes beyond the cap"
keys Escape; wait_for "2.50/2 超0.50"; keys Escape; wait_for "菜单"
keys ']'; wait_for "切换到 2026 年度"

id=$(sql "$db" "SELECT id FROM ledger WHERE unit='D01' AND year=2026 AND date='2026-08-12'")
keys 4; wait_for "加减分台账: 选择单位"
keys /; wait_for "查找"; type_text D01; keys Enter; wait_for "找到: D01"
keys Enter; wait_for "会议纪要未按规定归档"; wait_for "值班人员脱岗"
keys Enter; wait_for "*发现问题"; wait_for "0.2"
keys Tab Tab Tab Tab; keys BSpace BSpace BSpace; type_text 0.3; keys F2
wait_for "已保存"; wait_for "查访核验 0.50/2"
expect_eq "$(sql "$db" "SELECT points FROM ledger WHERE id='$id'")" "0.3" "edited in place (same id)"
keys d; wait_for "删除 查访核验 记录「2026-08-12 D01 0.30 分 会议纪要未按规定归档」? (y/N)"; keys y
wait_for "已删除"; wait_for "查访核验 0.20/2"
# The remaining finding raises a 整改 with the record as its source.
keys z; wait_for "登记整改"; wait_for "查访核验发现: 值班人员脱岗, 请整改"; wait_for "整改对象: D01"
keys F2; wait_for "已保存"
keys F10; wait_for "EXIT=0"
other=$(sql "$db" "SELECT id FROM ledger WHERE unit='D01' AND year=2026")
expect_eq "$(sql "$db" "SELECT unit || ' ' || status FROM rectification WHERE source_ledger='$other'")" \
  "D01 open" "rectification raised from the ledger record"
expect_eq "$(sql "$db" "SELECT count(*) FROM ledger WHERE id='$id'")" "0" "deleted"
expect_eq "$(sql "$db" "SELECT count(*) FROM ledger WHERE unit='D01' AND year=2026")" "1" "the other record kept"
finish
