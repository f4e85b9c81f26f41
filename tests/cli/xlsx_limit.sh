# An .xlsx sheet holds 1,048,576 rows with its header (docs/xlsx.md "Export"). An export that
# needs more is refused in Chinese, naming the rows and the limit, with a hint to use CSV, and
# writes nothing: the counted kinds (targets, progress, ledger) before any work, the others
# when their writer passes the limit; reports (held whole) before their file is created. The limit is lowered for the test through
# $KAOPING_XLSX_MAX_ROWS (read for tests only; it cannot raise the limit).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
db="$work/x.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }

K demo >/dev/null 2>&1 || fail "demo"
year=$(K export progress -o - 2>/dev/null | sed -n '2s/^"\{0,1\}\([0-9]*\).*/\1/p')
n=$(($(K export progress --year "$year" -o - 2>/dev/null | wc -l) - 1))
[ "$n" -gt 2 ] || fail "the demo has $n progress rows"
g() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/;ta'; } # 1234567 as 1,234,567
[ "$(g 1234567)" = 1,234,567 ] && [ "$(g 999)" = 999 ] || fail "g: $(g 1234567)"

# --- one row too many: refused before anything is written, even over an existing file ---
KAOPING_XLSX_MAX_ROWS=$n expect_status 2 K export progress --year "$year" -o "$work/p.xlsx"
expect_stderr_has "工作表「季度进度」要写 $(g $((n + 1))) 行 (含表头), 超过 .xlsx 工作表最多 $(g "$n") 行的上限"
expect_stderr_has "未写入文件。请导出为 CSV"
[ ! -e "$work/p.xlsx" ] || fail "a refused export wrote its file"
echo precious >"$work/keep.xlsx"
KAOPING_XLSX_MAX_ROWS=$n expect_status 2 K export progress --year "$year" -o "$work/keep.xlsx" --force
[ "$(cat "$work/keep.xlsx")" = precious ] || fail "a refused export replaced the existing file"
[ "$(ls "$work" | grep -vc '^x\.db\|^keep\.xlsx$')" = 0 ] || fail "left behind: $(ls "$work")"

# --- exactly the limit: written ---
KAOPING_XLSX_MAX_ROWS=$((n + 1)) expect_ok K export progress --year "$year" -o "$work/p.xlsx"
expect_stdout_has "$n 行到 $work/p.xlsx"
[ "$(head -c 4 "$work/p.xlsx")" = $'PK\x03\x04' ] || fail "not a workbook"

# --- a kind counted only as it is written (units): refused at the end, nothing left ---
u=$(($(K export units -o - 2>/dev/null | wc -l) - 1))
KAOPING_XLSX_MAX_ROWS=$u expect_status 1 K export units -o "$work/u.xlsx"
expect_stderr_has "工作表「单位」要写 $(g $((u + 1))) 行 (含表头), 超过 .xlsx 工作表最多 $(g "$u") 行的上限"
[ ! -e "$work/u.xlsx" ] || fail "a refused units export wrote its file"
[ "$(ls "$work" | grep -vc '^x\.db\|^keep\.xlsx$\|^p\.xlsx$')" = 0 ] || fail "left behind: $(ls "$work")"
# --- reports (title, subtitle and header rows above the data): refused before the file exists ---
for doc in results rectify "monitor --quarter 2"; do
  # shellcheck disable=SC2086
  KAOPING_XLSX_MAX_ROWS=5 expect_status 1 K report $doc -o "$work/r.xlsx"
  expect_stderr_has "超过 .xlsx 工作表最多 5 行的上限"
  [ ! -e "$work/r.xlsx" ] || fail "a refused report $doc wrote its file"
done
# shellcheck disable=SC2086
expect_ok K report results -o "$work/r.xlsx"
finish
