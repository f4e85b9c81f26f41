# The smaller spreadsheet troubles of issue 13 item 6, one message each through the real
# binary: the separator named whatever the quoting, a fraction in a percent column refused
# (docs/csv.md "Numbers"), spreadsheet error values refused by name in CSV, 单位编码 in every
# export, LibreOffice's menus named beside Excel's and WPS's. Each refused file writes nothing.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/d.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok K demo
K export appraisals --year 2025 -o "$work/before.csv" >/dev/null || fail "export"
unchanged() { # nothing was written by the refused imports
  K export appraisals --year 2025 -o "$work/after.csv" --force >/dev/null || fail "export"
  expect_same "$work/before.csv" "$work/after.csv"
}
bad() { # bad NAME KIND MESSAGE <<<CONTENT
  cat >"$work/$1.csv"
  expect_status 3 K import "$2" "$work/$1.csv"
  expect_stderr_has "$3"
}
LO="LibreOffice Calc 中用「文件 → 另存为」选择文件类型「文本 CSV (.csv)」"

# --- the separator, whatever the quoting ---
bad semi appraisals "semi.csv:1: 文件不是逗号分隔的, 而是用分号分隔" <<'EOF'
"年度";"单位编码";"公众评议得分"
"2025";"D01";"88"
EOF
expect_stderr_has "$LO"
expect_stderr_has "Excel 或 WPS 中用「文件 → 另存为」选择「CSV UTF-8 (逗号分隔)」"
bad tab appraisals "tab.csv:1: 文件不是逗号分隔的, 而是用制表符分隔" <<<$'年度\t单位编码\t公众评议得分\n2025\t"D01"\t88'
bad titled appraisals "titled.csv:2: 文件不是逗号分隔的, 而是用分号分隔" <<'EOF'
2025 年公众评议
年度;单位编码;公众评议得分
2025;"D01";88
EOF
unchanged

# --- a fraction in a percent column: refused, both meanings spelled out ---
bad frac appraisals "frac.csv:2: 列 满意率: 「0.778」像是丢了百分比格式的小数 (表格中显示为 77.8%): 请填写 77.8 或 77.8%; 如确实只有 0.778%, 请写成 0.778%" <<'EOF'
年度,单位编码,公众评议得分,满意率
2025,D01,88,0.778
EOF
bad frac1 appraisals "frac1.csv:2: 列 公众评议得分: 「1」像是丢了百分比格式的小数" <<'EOF'
年度,单位编码,公众评议得分
2025,D01,1
EOF
bad sched targets "列 序时进度: 「0.25/0.5/0.75/1」像是丢了百分比格式的小数 (1 即 100%): 请写成百分数" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,序时进度
2025,D01,A11,全局性重点工作,义务教育巩固率,30,比例,98.5,0.25/0.5/0.75/1
EOF
unchanged
# Written with %, a small percentage is taken as it is; 0 is a plain number.
printf '年度,单位编码,公众评议得分,满意率\n2025,D01,86.4,0.5%%\n2025,D02,90,0\n' >"$work/pct.csv"
expect_ok K import appraisals "$work/pct.csv"
K export appraisals --year 2025 | grep -q '"2025","D01","86.4","0.5"' || fail "0.5% not stored as 0.5"

# --- spreadsheet error values, by name, in CSV too ---
for v in '#DIV/0!' '#N/A' '#VALUE!' '#REF!'; do
  bad err appraisals "err.csv:2: 列 公众评议得分: 是电子表格的错误值 $v (公式算不出结果)" <<EOF
年度,单位编码,公众评议得分
2025,D02,$v
EOF
done
bad errtext ledger "列 事由: 是电子表格的错误值 #NAME?" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,2025-03-05,查访核验,0.5,#NAME?
EOF

# --- 单位编码 in every export and list ---
K export monitor --year 2026 --quarter 3 -o "$work/m.csv" >/dev/null 2>&1 || fail "export monitor"
head -1 "$work/m.csv" | grep -q '"单位编码","单位名称","指标编码"' || fail "monitor header: $(head -1 "$work/m.csv")"
for out in "monitor --year 2026 --quarter 3 --summary --format csv" "rectify list --year 2026 --format csv"; do
  # shellcheck disable=SC2086
  K $out | head -1 | grep -q '单位编码' || fail "$out lacks 单位编码"
  # shellcheck disable=SC2086
  K $out | head -1 | grep -q '代码' && fail "$out still says 代码"
done

# --- an old-format workbook names every program's way out ---
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' >"$work/old.xls"
expect_status 3 K import units "$work/old.xls"
expect_stderr_has "文件是 Excel、WPS 或 LibreOffice 的工作簿 (.xls/.et), 不是 CSV 文件"
expect_stderr_has "$LO"

finish
