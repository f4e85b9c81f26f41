# .xlsx export and import through the real binary: every kind exported as a workbook, checked
# by an independent reader (Debian's python3-openpyxl: text, number and date cells, sheet
# names, the frozen header), imported into an empty database to give exactly the same data,
# and re-imported after an edit the way LibreOffice saves it (shared strings, 17-digit
# numbers): exactly the edited rows change. Also --format, --sheet, and the ZIP signature.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

data="$KAOPING_SRC/tests/data/csv"
kinds="units targets progress ledger appraisals"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
PY() { /usr/bin/python3 "$KAOPING_SRC/tests/cli/xlsx_check.py" "$@" 2>&1; }

snapshot() { # snapshot DIR: every kind of 2025 as CSV (the database's visible state)
  mkdir -p "$1"
  for k in $kinds; do K export "$k" --year 2025 -o "$1/$k.csv" >/dev/null || fail "export $k"; done
}

db="$work/a.db"
for k in $kinds; do expect_ok K import "$k" "$data/$k.csv"; done
snapshot "$work/csv-a"
mkdir -p "$work/x"
for k in $kinds; do
  expect_ok K export "$k" --year 2025 -o "$work/x/$k.xlsx"
  expect_stdout_has "$work/x/$k.xlsx"
  [ "$(head -c 4 "$work/x/$k.xlsx")" = $'PK\x03\x04' ] || fail "export $k -o .xlsx is not a workbook"
done

# --- an independent reader: types, formats, names ---
out=$(PY types "$work/x")
[ "$out" = "$(sed -n 's/^"[^"]*","2025","[^"]*","\([0-9-]*\)".*/\1/p' "$work/csv-a/ledger.csv" | sort | head -1) $(($(wc -l <"$work/csv-a/ledger.csv") - 1))" ] ||
  fail "openpyxl: $out"

# --- round trip: the workbooks alone rebuild the same data ---
db="$work/b.db"
for k in $kinds; do
  expect_ok K import "$k" "$work/x/$k.xlsx"
  expect_stdout_has "读取 $work/x/$k.xlsx: 工作表"
done
snapshot "$work/csv-b"
for k in $kinds; do expect_same "$work/csv-a/$k.csv" "$work/csv-b/$k.csv"; done
# Importing the same workbook again changes nothing.
expect_ok K import ledger "$work/x/ledger.xlsx"
expect_stdout_has "新增 0, 更新 0"

# --- edited and saved the way LibreOffice saves: exactly the edited rows change ---
out=$(PY edit "$work/x/ledger.xlsx" "$work/edited.xlsx")
read -r id2 id3 <<<"$out"
[ ${#id2} -eq 32 ] && [ ${#id3} -eq 32 ] || fail "edit script: $out"
n=$(($(wc -l <"$work/csv-a/ledger.csv") - 1))
expect_ok K import ledger "$work/edited.xlsx"
expect_stdout_has "新增 0, 更新 2, 未变 $((n - 2))"
K export ledger --year 2025 -o "$work/edited.csv" >/dev/null
diff "$work/csv-a/ledger.csv" "$work/edited.csv" | grep '^[<>]' | cut -c4-35 | sort -u >"$work/changed"
printf '%s\n%s\n' "$id2" "$id3" | sort >"$work/want"
expect_same "$work/want" "$work/changed"
grep -qF "改过的事由" "$work/edited.csv" || fail "edited 事由 not imported"

# --- --format overrides the name; the content, not the name, picks the reader ---
expect_ok K export units --format xlsx -o "$work/units-as.csv"
[ "$(head -c 4 "$work/units-as.csv")" = $'PK\x03\x04' ] || fail "--format xlsx ignored"
expect_ok K import --dry-run units "$work/units-as.csv"
expect_stdout_has "未变 $(($(wc -l <"$work/csv-a/units.csv") - 1))"
expect_ok K export units --format csv -o "$work/units-as.xlsx"
expect_same "$work/csv-a/units.csv" "$work/units-as.xlsx"
expect_status 2 K export units --format ods -o "$work/u.ods"

# --- --sheet ---
expect_status 3 K import units "$work/x/units.xlsx" --sheet 汇总
expect_stderr_has "没有名为「汇总」的工作表 (工作簿中有: 单位)"
expect_ok K import --dry-run units --sheet 单位 "$work/x/units.xlsx"
expect_status 3 K import units "$data/units.csv" --sheet 单位
expect_stderr_has "不是 .xlsx 工作簿, 不能用 --sheet 选择工作表"

# --- a sheet as offices lay it out; problems name sheet, cell and column; nothing written ---
mkdir -p "$work/fx"
/usr/bin/python3 "$KAOPING_SRC/tests/io/test_xlsx_fixtures.py" "$work/fx" || fail "fixtures"
db="$work/c.db"
printf '单位编码,单位名称,分组\nD01,县教育局,县直部门\n' >"$work/d01.csv"
expect_ok K import units "$work/d01.csv"
expect_status 3 K import ledger "$work/fx/ledger_layout.xlsx"
expect_stderr_has "ledger_layout.xlsx: 工作表「台账」C5 列 单位编码: 单位「D02」不存在"
expect_stderr_has "ledger_layout.xlsx: 工作表「台账」第 1 行: 提醒: 表头上方的标题「2025年度加减分台账」已跳过"
expect_stderr_has "ledger_layout.xlsx: 工作表「台账」第 6 行: 提醒: 合计行「合 计」不是数据, 已跳过"
expect_stderr_has "1 个错误, 未写入任何数据"
expect_status 3 K import ledger "$work/fx/ledger_errors.xlsx"
expect_stderr_has "ledger_errors.xlsx: 工作表「Sheet」E2 列 分值: 是电子表格的错误值 #DIV/0!"
expect_status 3 K import ledger "$work/fx/broken.xlsx"
expect_stderr_has "broken.xlsx: 工作表「数据」: xl/worksheets/s1.xml 不是有效的 XML"
[ "$(K export ledger --year 2025 2>/dev/null | wc -l)" -le 1 ] || fail "a refused import wrote rows"
finish
