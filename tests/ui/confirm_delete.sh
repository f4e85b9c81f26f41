# A delete asks (y/N) naming the record; Enter and Esc answer No and the status says 未删除,
# not 已删除; the store's refusal (a unit that has targets) comes before any question.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
ledger_rows() { sql "$db" "SELECT count(*) FROM ledger WHERE unit='D01' AND year=2026"; }
before=$(ledger_rows)

start --db "$db"
wait_for "菜单"
# 4, Enter, d, Enter: the first unit (D01) and its first record; Enter must not delete it.
keys 4; wait_for "加减分台账: 选择单位"
keys Enter; wait_for "D01 县发展和改革委员会  2026 年度加减分台账"
keys d; wait_for "删除"; keys Enter
wait_for "未删除"
expect_eq "$(ledger_rows)" "$before" "Enter did not delete the record"
screen | grep -q "已删除" && fail "the status line says 已删除 after a cancelled delete"
# The question names what would be lost; Esc answers No too.
keys d; wait_for "删除 查访核验 记录「2026-08-12 D01 0.20 分 会议纪要未按规定归档」?"
wait_for "(y/N)"; keys Escape; wait_gone "(y/N)"; wait_for "未删除"
expect_eq "$(ledger_rows)" "$before" "Esc did not delete the record"
keys Escape; wait_for "加减分台账: 选择单位"; keys Escape; wait_for "菜单"

# The store's refusal before the question: D02 has targets.
keys 1; wait_for "共 46 个单位"
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys d; wait_for "单位 D02 还有"
screen | grep -q "(y/" && fail "a refused delete asked first"
keys Q; wait_for "EXIT=0"
expect_eq "$(ledger_rows)" "$before" "no record deleted"
finish
