# Undo (u 撤销) of the last delete since the workstation opened: a 查访核验 record, a 公众评议
# row and a 季度进度 row emptied and saved, a 任务书 item; each comes back as it was, the audit
# log holds the delete and the undo's insert; a year locked meanwhile refuses the undo and
# writes nothing; `u` with nothing to take back says so. A discarded grid edit comes back
# into its grid (only there) as an unsaved edit.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
rec=$(sql "$db" "SELECT id FROM ledger WHERE unit='D01' AND year=2026 AND date='2026-08-12'")
row_of() { sql "$db" "SELECT * FROM $1"; }
ledger_row=$(row_of "ledger WHERE id='$rec'")
appraisal_row=$(row_of "appraisal WHERE year=2025 AND unit='T01'")
progress_row=$(row_of "progress WHERE year=2026 AND quarter=1 AND unit='D01' AND item='A11'")
[ -n "$ledger_row" ] && [ -n "$appraisal_row" ] && [ -n "$progress_row" ] ||
  { echo "demo rows missing" >&2; exit 1; }
audit_of() { sql "$db" "SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE tbl='$1' AND row_key='$2' ORDER BY rowid)"; }

start --db "$db"
wait_for "菜单"
keys u; wait_for "没有可撤销的删除"
screen | tail -1 | grep -q "u 撤销" && fail "u 撤销 in the key bar with nothing to undo"

# 加减分台账: delete D01's 2026-08-12 record, then u.
keys 4; wait_for "加减分台账: 选择单位"
keys Enter; wait_for "D01 县发展和改革委员会  2026 年度加减分台账"
keys d; wait_for "(y/N)"; keys y
wait_for "已删除 2026-08-12 查访核验 记录  (u 撤销)"
screen | tail -1 | grep -q "u 撤销" || fail "u 撤销 missing from the key bar after a delete"
expect_eq "$(row_of "ledger WHERE id='$rec'")" "" "record deleted"
keys u; wait_for "已撤销: 已删除 2026-08-12 查访核验 记录"
expect_eq "$(row_of "ledger WHERE id='$rec'")" "$ledger_row" "record back, every column"
expect_eq "$(audit_of ledger "$rec")" "insert,delete,insert" "audit: demo, delete, undo"
screen | grep -q "会议纪要未按规定归档" || fail "restored record not shown"
keys u; wait_for "没有可撤销的删除"
keys Escape; wait_for "选择单位"; keys Escape; wait_for "菜单"

# 公众评议 (2025): T01's score and satisfaction emptied and saved deletes the row; u brings it
# back.
keys '['; wait_for "2025 年度"
keys 5; wait_for "公众评议"
keys /; wait_for "查找"; type_text T01; keys Enter; wait_for "找到: T01"
keys DC Tab DC F2; wait_for "已保存 (1 行)  (u 撤销)"
expect_eq "$(row_of "appraisal WHERE year=2025 AND unit='T01'")" "" "appraisal deleted"
keys u; wait_for "已撤销: 保存「"
expect_eq "$(row_of "appraisal WHERE year=2025 AND unit='T01'")" "$appraisal_row" "appraisal back"
expect_eq "$(audit_of appraisal 2025/T01)" "insert,delete,insert" "appraisal audit"
keys Escape; wait_for "菜单"; keys ']'; wait_for "2026 年度"

# 季度进度: Q1, D01's A11 emptied and saved; u on the grid itself.
keys 3; wait_for "季度进度: 选择季度和单位"; keys 1; wait_for "第 1 季度"; keys Enter; wait_for "累计完成"
keys DC Tab DC F2; wait_for "(u 撤销)"
expect_eq "$(row_of "progress WHERE year=2026 AND quarter=1 AND unit='D01' AND item='A11'")" "" "progress deleted"
keys u; wait_for "已撤销: 保存「"
expect_eq "$(row_of "progress WHERE year=2026 AND quarter=1 AND unit='D01' AND item='A11'")" "$progress_row" "progress back"
# A discard: 77 typed over A11's actual, Esc, y throws it away; u in the picker says where
# it can come back; in the grid u puts it back unsaved, F2 saves it.
keys Escape; wait_for "第 1 季度"; keys Enter; wait_for "累计完成"
type_text 77; wait_for "77"; keys Escape; wait_for "(y/N)"; keys y
wait_for "已放弃「季度进度 D01 第 1 季度」中的修改  (u 撤销)"
keys u; wait_for "先打开「季度进度 D01 第 1 季度」, 再按 u 恢复放弃的修改"
keys Enter; wait_for "累计完成"
keys u; wait_for "已撤销: 放弃「季度进度 D01 第 1 季度」中未保存的修改 (尚未保存, F2 保存)"
keys F2; wait_for "已保存 (1 行)"
expect_eq "$(sql "$db" "SELECT actual FROM progress WHERE year=2026 AND quarter=1 AND unit='D01' AND item='A11'")" 77.0 "restored edit saved"
keys Escape; wait_for "第 1 季度"; keys Escape; wait_for "菜单"

# 任务书: a new item without progress, deleted; the year is locked meanwhile (another
# program): the undo is refused and writes nothing; unlocked, it comes back.
keys 2; wait_for "任务书: 选择单位"; keys Enter; wait_for "D01"
keys a; wait_for "*指标编码"
type_text Z91; keys Tab Right; keys Tab; type_text 试点任务; keys Tab; type_text 5; keys Tab Tab
type_text 10; keys F2; wait_for "已保存"; wait_for "试点任务"
item_row=$(row_of "target WHERE year=2026 AND unit='D01' AND item='Z91'")
keys /; wait_for "查找"; type_text Z91; keys Enter; wait_for "找到: Z91"
keys d; wait_for "(y/N)"; keys y; wait_for "已删除条目 Z91  (u 撤销)"
"$KAOPING_BIN" --db "$db" lock --year 2026 >/dev/null || fail "lock"
audit_before=$(sql "$db" "SELECT count(*) FROM audit")
keys u; wait_for "不能撤销: 该年度已审定"
expect_eq "$(sql "$db" "SELECT count(*) FROM audit")" "$audit_before" "refused undo wrote nothing"
"$KAOPING_BIN" --db "$db" unlock --year 2026 --reason 更正 >/dev/null || fail "unlock"
keys u; wait_for "已撤销: 已删除条目 Z91"
expect_eq "$(row_of "target WHERE year=2026 AND unit='D01' AND item='Z91'")" "$item_row" "item back"
expect_eq "$(audit_of target 2026/D01/Z91)" "insert,delete,insert" "item audit"

# The help lists u.
keys '?'; wait_for "撤销上一次删除"
keys Escape; keys Q; wait_for "EXIT=0"
finish
