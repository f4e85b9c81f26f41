# Codes a spreadsheet damaged (001 -> 1, 1.10 -> 1.1, an 18-digit code -> 1.23456789012346E+17,
# 2-1 -> 26年2月1日) are refused before anything is written, naming the stored code they
# probably were, in CSV and in .xlsx (where the damage is a number cell); a new unit named
# like a stored one too. Before this, such files created ghost units and items with exit 0.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/c.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
count() { sqlite3 "$db" "SELECT count(*) FROM $1"; }

printf '单位编码,单位名称,分组\n001,县财政局,县直部门\n0101,县教育局,县直部门\n123456789012345678,县公安局,县直部门\n' >"$work/units.csv"
expect_ok K import units "$work/units.csv"
printf '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\n2025,001,1.10,目标任务,项目建设,30,比例,10\n2025,001,2-1,目标任务,督办件,30,比例,5\n' >"$work/targets.csv"
expect_ok K import targets "$work/targets.csv"
units=$(count unit) items=$(count target)

# --- units saved back by a spreadsheet ---
printf '单位编码,单位名称,分组\n1,县财政局,县直部门\n101,县教育局,县直部门\n1.23456789012346E+17,县公安局,县直部门\nN01,县财政局,县直部门\n' >"$work/u2.csv"
expect_status 3 K import units "$work/u2.csv"
expect_stderr_has "u2.csv:2: 列 单位编码: 单位编码「1」不存在, 像是「001」(县财政局) 的编码被电子表格改坏了 (开头的 0 被去掉了); 未导入"
expect_stderr_has "u2.csv:3: 列 单位编码: 单位编码「101」不存在, 像是「0101」(县教育局)"
expect_stderr_has "u2.csv:4: 列 单位编码: 单位编码「1.23456789012346E+17」不存在, 像是「123456789012345678」(县公安局) 的编码被电子表格改坏了 (显示成了科学计数法, 后几位已丢失)"
expect_stderr_has "u2.csv:5: 列 单位名称: 新单位「N01」与已有单位「001」同名; 如是同一单位, 请用编码「001」"
expect_stderr_has "提醒: 编码被电子表格改坏了: 请把编码列设为文本后重新保存: Excel/WPS 选中该列 → 设置单元格格式 → 文本"
expect_stderr_has "LibreOffice 打开 CSV 时在导入对话框中把该列的列类型设为「文本」"
[ "$(count unit)" = "$units" ] || fail "ghost units were created"

# --- the ledger no longer moves a deduction to a ghost unit, nor hints at importing units ---
printf '年度,单位编码,日期,类型,分值,事由\n2025,1,2025-03-05,查访核验,1,迟到\n2025,6.5E+11,2025-03-05,查访核验,1,迟到\n' >"$work/l.csv"
expect_status 3 K import ledger "$work/l.csv"
expect_stderr_has "l.csv:2: 列 单位编码: 单位编码「1」不存在, 像是「001」(县财政局)"
expect_stderr_has "l.csv:3: 列 单位编码: 编码「6.5E+11」是电子表格以科学计数法显示的数字"
! grep -qF "请先导入 units" "$last_err" || fail "the hint leads into the ghost-unit path"

# --- item codes: trailing zero, date rendering; targets and progress ---
printf '年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值\n2025,001,1.1,目标任务,项目建设,30,比例,10\n2025,001,26年2月1日,目标任务,督办件,30,比例,5\n' >"$work/t2.csv"
expect_status 3 K import targets "$work/t2.csv"
expect_stderr_has "t2.csv:2: 列 指标编码: 2025 年度单位 001 没有指标「1.1」, 像是「1.10」(项目建设) 的编码被电子表格改坏了 (末尾的 0 被去掉了); 未导入"
expect_stderr_has "t2.csv:3: 列 指标编码: 2025 年度单位 001 没有指标「26年2月1日」, 像是「2-1」(督办件) 的编码被电子表格改坏了 (被当成了日期)"
printf '年度,单位编码,指标编码,季度,累计完成值\n2025,001,1.1,1,5\n' >"$work/p.csv"
expect_status 3 K import progress "$work/p.csv"
expect_stderr_has "p.csv:2: 列 指标编码: 2025 年度单位 001 没有指标「1.1」, 像是「1.10」(项目建设)"
[ "$(count target)" = "$items" ] || fail "ghost items were created"

# --- the same in a workbook whose code column holds numbers (cell B2 is the number 1) ---
/usr/bin/python3 "$KAOPING_SRC/tests/cli/xlsx_check.py" numeric-code "$work/l.xlsx" || fail "openpyxl"
expect_status 3 K import ledger "$work/l.xlsx"
expect_stderr_has "l.xlsx: 工作表「台账」B2 列 单位编码: 单位编码「1」不存在, 像是「001」(县财政局)"
[ "$(count ledger)" = 0 ] || fail "ledger rows written"
finish
