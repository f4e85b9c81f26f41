# CSV import and export through the real binary: fixtures in UTF-8, UTF-8+BOM, GBK and CRLF,
# golden exports, round trip, idempotent re-import, every validation error (with its exact
# FILE:LINE: 列 NAME message and an unchanged database), locked years, UTF-16 refusal, and
# the demo edit cycle.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

data="$KAOPING_SRC/tests/data/csv"
kinds="units targets progress ledger appraisals"
K() { "$KAOPING_BIN" --db "$db" "$@"; }

# snapshot DIR: every kind of 2025 exported into DIR (the database's visible state).
snapshot() {
  mkdir -p "$1"
  for k in $kinds; do K export "$k" --year 2025 -o "$1/$k.csv" >/dev/null || fail "export $k"; done
}
same_snapshot() {
  for k in $kinds; do expect_same "$1/$k.csv" "$2/$k.csv"; done
}

# import_all DIR SUFFIX: imports every kind from DIR/KIND.csv; checks the reported encoding.
import_all() {
  for k in $kinds; do
    expect_ok K import "$k" "$1/$k.csv"
    expect_stdout_has "编码 $2"
  done
}

# --- the fixtures in three encodings and two line-end styles give the same database ---
mkdir -p "$work/bom" "$work/gbk" "$work/crlf"
for k in $kinds; do
  { printf '\xef\xbb\xbf'; cat "$data/$k.csv"; } >"$work/bom/$k.csv"
  iconv -f UTF-8 -t GB18030 "$data/$k.csv" >"$work/gbk/$k.csv"
  sed 's/$/\r/' "$data/$k.csv" >"$work/crlf/$k.csv"
done
cmp -s "$data/units.csv" "$work/gbk/units.csv" && fail "GBK fixture is not different bytes"

db="$work/utf8.db"
import_all "$data" "UTF-8,"
expect_stdout_has "导入 appraisals: 读取 3 行, 新增 3, 更新 0, 未变 0"
snapshot "$work/snap-utf8"
for k in $kinds; do expect_same "$data/expected/$k.csv" "$work/snap-utf8/$k.csv"; done

db="$work/bom.db"; import_all "$work/bom" "UTF-8 (BOM)"; snapshot "$work/snap-bom"
same_snapshot "$work/snap-utf8" "$work/snap-bom"
db="$work/gbk.db"; import_all "$work/gbk" "GBK/GB18030"; snapshot "$work/snap-gbk"
expect_stdout_has "  表头 (按 GBK 解码): 年度,单位编码,公众评议得分,满意率"
same_snapshot "$work/snap-utf8" "$work/snap-gbk"
db="$work/crlf.db"; import_all "$work/crlf" "UTF-8,"; snapshot "$work/snap-crlf"
same_snapshot "$work/snap-utf8" "$work/snap-crlf"

# --- export details: BOM, CRLF, formula guard, quoted commas/quotes/newlines ---
exp="$work/snap-utf8"
[ "$(head -c 3 "$exp/units.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "export lacks BOM"
grep -q $'"D01","县教育局","县直部门","","张三"\r$' "$exp/units.csv" || fail "export lacks CRLF row"
grep -qF '"F01","'"'"'-农商银行","金融机构","","'"'"'@行长"' "$exp/units.csv" || fail "formula guard (units)"
grep -qF '"'"'"'=SUM(A1:A3)"' "$exp/progress.csv" || fail "formula guard (note)"
grep -qF '"'"'"'+信息未公开"' "$exp/ledger.csv" || fail "formula guard (ledger)"
grep -qF '"县卫生健康委员会, 县疾控中心"' "$exp/units.csv" || fail "quoted comma"
grep -qF '"李""四"""' "$exp/units.csv" || fail "doubled quotes"
grep -qF '"1050.25"' "$exp/progress.csv" || fail "quoted thousands separator"
grep -qF '"1250"' "$exp/progress.csv" || fail "full-width digits"
grep -qF '"T01","城关镇"' "$exp/units.csv" || fail "cells not trimmed"
[ "$(sqlite3 "$work/utf8.db" "SELECT name FROM unit WHERE code IN ('F01', 'F02') ORDER BY code")" = "-农商银行
'=合计" ] || fail "guards not stripped exactly once on import"
grep -qF '"2025-06-20"' "$exp/ledger.csv" || fail "date 2025/6/20 not normalised"

# --- round trip: export -> import into a fresh database -> export is identical ---
db="$work/round.db"
for k in $kinds; do expect_ok K import "$k" "$exp/$k.csv"; done
snapshot "$work/snap-round"
same_snapshot "$exp" "$work/snap-round"

# --- idempotent re-import: nothing inserted, nothing updated, no audit rows ---
db="$work/utf8.db"
for k in $kinds; do
  expect_ok K import "$k" "$data/$k.csv"
  expect_stdout_has "新增 0, 更新 0"
done
expect_ok K import ledger "$exp/ledger.csv"
expect_stdout_has "导入 ledger: 读取 4 行, 新增 0, 更新 0, 未变 4"
snapshot "$work/snap-again"
same_snapshot "$exp" "$work/snap-again"

# --- --dry-run counts the changes and writes nothing ---
sed 's/2025,D02,90,/2025,D02,91,/' "$data/appraisals.csv" >"$work/dry.csv"
expect_ok K import --dry-run appraisals "$work/dry.csv"
expect_stdout_has "检查 appraisals: 读取 3 行, 新增 0, 更新 1, 未变 2 (--dry-run: 未写入)"
K export appraisals >"$work/dry-after.csv"
expect_same "$exp/appraisals.csv" "$work/dry-after.csv"

# --- English aliases, free column order, an edit shows up as one update ---
cat >"$work/alias.csv" <<'EOF'
Score,unit,YEAR,satisfaction
88,D01,2025,91.2
EOF
expect_ok K import appraisals "$work/alias.csv"
expect_stdout_has "读取 1 行, 新增 0, 更新 1, 未变 0"
K export appraisals >"$work/ap.csv"
grep -qF '"2025","D01","88","91.2"' "$work/ap.csv" || fail "alias import did not update D01"
expect_ok K import appraisals "$data/appraisals.csv"
expect_stdout_has "更新 1"

# --- every malformed file is refused with FILE:LINE: 列 NAME and nothing is written ---
snapshot "$work/before"
audit_before=$(sqlite3 "$db" "SELECT count(*) FROM audit")
# bad NAME KIND 'expected message' < content
bad() {
  local name=$1 kind=$2 want=$3
  cat >"$work/$name.csv"
  cd "$work"; expect_status 3 K import "$kind" "$name.csv"; cd - >/dev/null
  expect_stderr_has "$want"
}
bad u1 units "u1.csv:1: 列 foo: 未知的列 (units 文件的列为: 单位编码、单位名称、分组、上级编码、负责人)" <<'EOF'
单位编码,单位名称,分组,foo
D09,x,县直部门,1
EOF
bad u2 units "u2.csv:1: 列 分组: 缺少必需的列 (英文名 pool 也可以)" <<'EOF'
单位编码,单位名称
D09,x
EOF
bad u3 units "u3.csv:2: 列 分组: 分组「街道」不存在 (现有分组: 乡镇、县直部门、驻县单位、金融机构)" <<'EOF'
单位编码,单位名称,分组
D09,x,街道
EOF
bad u4 units "u4.csv:3: 列 code: 与第 2 行重复 (同一单位编码)" <<'EOF'
code,name,pool
D09,x,县直部门
D09,y,县直部门
EOF
bad u5 units "u5.csv:2: 列 parent: 上级单位「Z99」不存在 (数据库和文件中都没有)" <<'EOF'
code,name,pool,parent
D09,x,县直部门,Z99
EOF
bad u6 units "u6.csv:2: 列 parent: 上级关系形成循环 (D01 最终是自己的上级)" <<'EOF'
code,name,pool,parent
D01,县教育局,县直部门,D03
EOF
bad t1 targets "t1.csv:2: 列 单位编码: 单位「X99」不存在 (请先导入 units)" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2025,X99,A11,全局性重点工作,x,30,比例,1
EOF
bad t2 targets "t2.csv:2: 列 类别: 「经济发展」不是 2025 年度「县直部门」分组的指标类别 (可用: 全局性重点工作、目标任务、作风效能建设、专项考核)" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2025,D01,A19,经济发展,x,30,比例,1
EOF
bad t3 targets "t3.csv:2: 列 分值: 「-5」应大于 0 且不超过 100" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2025,D01,A19,全局性重点工作,x,-5,比例,1
EOF
bad t4 targets "t4.csv:2: 列 计分方式: 「平均」无效, 应为 比例、反向 或 评分 (ratio、inverse、manual)" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2025,D01,A19,全局性重点工作,x,5,平均,1
EOF
bad t5 targets "t5.csv:3: 列 指标编码: 与第 2 行重复 (同一年度、单位和指标)" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2025,D01,A19,全局性重点工作,x,5,比例,1
2025,D01,A19,全局性重点工作,y,5,比例,1
EOF
bad t6 targets "t6.csv:2: 列 序时进度: 「25/50/40/100」是累计进度, 后一季度不能小于前一季度" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,序时进度
2025,D01,A19,全局性重点工作,x,5,比例,1,25/50/40/100
EOF
bad p1 progress "p1.csv:2: 列 季度: 「5」应为 1 到 4 之间的整数" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,A11,5,1
EOF
bad p2 progress "p2.csv:2: 列 指标编码: 2025 年度单位 D01 的任务书中没有指标「Z99」(请先导入 targets)" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,Z99,1,1
EOF
bad p3 progress "p3.csv:2: 列 评分: 指标 C11 的计分方式为评分, 第 4 季度 (年终总评) 必须填写评分 (0 到 20)" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值,评分
2025,D01,C11,4,1,
EOF
bad p4 progress "p4.csv:2: 列 评分: 评分 21 超过指标 C11 的分值 20" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值,评分
2025,D01,C11,4,1,21
EOF
bad p5 progress "p5.csv:3: 列 季度: 与第 2 行重复 (同一年度、单位、指标和季度)" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,A11,3,1
2025,D01,A11,3,2
EOF
bad p6 progress "p6.csv:2: 列 累计完成值: 「-1」应在 0 到 1000000000000 之间" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,A11,3,-1
EOF
bad p7 progress "p7.csv:4: 列 累计完成值: 「foo」不是有效的数字" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,A11,1,10
2025,D01,A11,2,5
2025,D01,A11,3,foo
EOF
expect_stderr_has "p7.csv:3: 列 累计完成值: D01 A11 第 2 季度累计完成值 5 小于上季度的 10 (累计值不应减少"
bad l1 ledger "l1.csv:2: 列 日期: 「2025-02-30」不是有效的日期 (2025 年 2 月只有 28 天)" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,2025-02-30,查访核验,1,x
EOF
bad l2 ledger "l2.csv:2: 列 分值: 一票否决不计分值, 请留空或填 0 (现为「1」)" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,2025-03-01,一票否决,1,x
EOF
bad l3 ledger "l3.csv:2: 列 分值: 不能为空 (查访核验 的分值应大于 0)" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,2025-03-01,查访核验,,x
EOF
bad l4 ledger "l4.csv:2: 列 方面: 「纪律」不是查访核验的方面, 应为: 绩效管理运行机制、作风建设、行政权力运行、行政办事效率、政务公开、效能投诉办理" <<'EOF'
年度,单位编码,日期,类型,分值,方面,事由
2025,D01,2025-03-01,查访核验,1,纪律,x
EOF
bad l5 ledger "l5.csv:3: 列 编号: 与第 2 行是同一条记录" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,2025-03-01,投诉查处,0.5,x
2025,D01,2025-03-01,投诉查处,0.5,x
EOF
bad l6 ledger "l6.csv:2: 列 日期: 「20250301」不是日期 (应为 YYYY-MM-DD, 如 2025-03-05)" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,20250301,投诉查处,0.5,x
EOF
bad l7 ledger "l7.csv:2: 列 类型: 「扣分」无效, 应为 查访核验、投诉查处、加分 或 一票否决" <<'EOF'
年度,单位编码,日期,类型,分值,事由
2025,D01,2025-03-01,扣分,0.5,x
EOF
bad a1 appraisals "a1.csv:2: 列 公众评议得分: 「101」应在 0 到 100 之间" <<'EOF'
年度,单位编码,公众评议得分
2025,D01,101
EOF
bad a2 appraisals 'a2.csv:2: 这一行有 4 个单元格, 比表头的 3 列多 (第 4 格「200.5」); 带千位分隔符的数字须加引号, 如 "1,200.5"' <<'EOF'
年度,单位编码,公众评议得分
2025,D01,1,200.5
EOF
bad a3 appraisals "a3.csv:2: 列 公众评议得分: 「1,5」中的逗号位置有歧义 (千位分隔符应每三位一个, 如 1,200.5; 小数点请用 .)" <<'EOF'
年度,单位编码,公众评议得分
2025,D01,"1,5"
EOF
bad a4 appraisals "a4.csv:2: 列 公众评议得分: 「8.6E+01」是科学计数法" <<'EOF'
年度,单位编码,公众评议得分
2025,D01,8.6E+01
EOF
bad a5 appraisals "a5.csv:2: 列 年度: 「1999」应为 2000 到 2100 之间的整数" <<'EOF'
年度,单位编码,公众评议得分
1999,D01,80
EOF
# Structure: a stray quote, an unclosed quote (line of the row that opened it), empty file.
bad c1 units "c1.csv:3: CSV 格式错误: 引号位置不对" <<'EOF'
code,name,pool
D09,x,县直部门
D10,x"y,县直部门
EOF
bad c2 units "c2.csv:3: CSV 格式错误: 引号没有闭合" <<'EOF'
code,name,pool
D09,x,县直部门
D10,"x,县直部门
D11,y,县直部门
EOF
: >"$work/c3.csv"
cd "$work"; expect_status 3 K import units c3.csv; cd - >/dev/null
expect_stderr_has "c3.csv: 文件是空的"
# Line numbers count the lines inside quoted cells; all problems are listed, not only the first.
bad c4 units "c4.csv:4: 列 pool: 分组「街道」不存在" <<'EOF'
code,name,pool
D09,"多行
名称",县直部门
D10,x,街道
D11,,县直部门
EOF
expect_stderr_has "c4.csv:5: 列 name: 不能为空"
expect_stderr_has "名称」含有控制字符或文字方向控制符" # a line break is a control character in a name
expect_stderr_has "c4.csv: 3 个错误, 未写入任何数据"
# A sane limit on the listing: 150 bad rows show 100 and say how many more.
{ echo "年度,单位编码,公众评议得分"; for i in $(seq 1 150); do echo "2025,D01,$((200 + i))"; done; } >"$work/c5.csv"
cd "$work"; expect_status 3 K import appraisals c5.csv; cd - >/dev/null
expect_stderr_has "c5.csv:101: 列 公众评议得分: 「300」应在 0 到 100 之间"
expect_stderr_has "c5.csv: 还有 50 个问题未列出"
grep -qF "c5.csv:102:" "$last_err" && fail "more than 100 problems listed"
# UTF-16 ("Unicode text") is refused with how to re-save; so is a file with NUL bytes.
iconv -f UTF-8 -t UTF-16 "$data/units.csv" >"$work/u16.csv"
expect_status 3 K import units "$work/u16.csv"
expect_stderr_has "文件是 UTF-16 (Unicode 文本) 编码, 不能导入; 请在 Excel 或 WPS 中用「文件 → 另存为」选择「CSV UTF-8 (逗号分隔)」"
expect_stderr_has "LibreOffice Calc 中用「文件 → 另存为」选择文件类型「文本 CSV (.csv)」"
# A year named by a bad file is not left behind.
bad y1 targets "y1.csv:2: 列 分值: 「0」应大于 0 且不超过 100" <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2031,D01,A11,全局性重点工作,x,0,比例,1
2031,D01,A12,全局性重点工作,x,10,比例,1
EOF
expect_status 3 K export targets --year 2031
expect_stderr_has "2031 年度不存在"
snapshot "$work/after"
same_snapshot "$work/before" "$work/after"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" = "$audit_before" ] || fail "refused imports left audit rows"

# --- a locked year refuses the whole file ---
expect_ok K lock --year 2025
expect_status 3 K import appraisals "$data/appraisals.csv"
expect_stderr_has "appraisals.csv:2: 列 年度: 2025 年度已审定 (锁定), 不能导入"
expect_ok K unlock --year 2025 --reason 测试
snapshot "$work/after-lock"
same_snapshot "$work/before" "$work/after-lock"

# --- progress going backwards: refused unless marked 更正 (docs/scoring.md "更正") ---
cat >"$work/back.csv" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,A11,3,10
EOF
expect_status 3 K import progress "$work/back.csv"
expect_stderr_has "back.csv:2: 列 累计完成值: D01 A11 第 3 季度累计完成值 10 小于上季度的 1050.25 (数据库中)"
printf '年度,单位编码,指标编码,季度,累计完成值,更正\n2025,D01,A11,3,10,是\n' >"$work/back.csv"
expect_ok K import progress "$work/back.csv"
expect_stdout_has "新增 1"

# --- optional columns missing from the file keep their values; an empty cell clears ---
cat >"$work/keep.csv" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值
2025,D01,A11,1,26
EOF
expect_ok K import progress "$work/keep.csv"
expect_stdout_has "更新 1"
expect_ok K export progress
expect_stdout_has '"2025","D01","A11","1","26","300","",""'
cat >"$work/clear.csv" <<'EOF'
年度,单位编码,指标编码,季度,累计完成值,累计支出
2025,D01,A11,1,25,
EOF
expect_ok K import progress "$work/clear.csv"
expect_ok K export progress
expect_stdout_has '"2025","D01","A11","1","25","",""'
printf '年度,单位编码,指标编码,季度,累计完成值,累计支出\n2025,D01,A11,1,25,300\n' >"$work/restore.csv"
expect_ok K import progress "$work/restore.csv"

# --- a new year is created by the import itself (scheme from the latest year) ---
sed 's/^2025,/2026,/' "$data/targets.csv" >"$work/t2026.csv"
expect_ok K import targets "$work/t2026.csv"
expect_stdout_has "新增 5"
expect_ok K export targets --year 2026
expect_stdout_has '"2026","D01","A11"'
expect_ok K export targets
expect_stdout_has '"2026","D01","A11"'

# --- a category's items should add up to its points, and not be too many: warnings only ---
{ echo "年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值"
  for i in 1 2 3 4 5 6 7; do echo "2026,D02,B2$i,目标任务,任务$i,5,比例,1"; done; } >"$work/many.csv"
expect_ok K import targets "$work/many.csv"
expect_stderr_has "many.csv:2: 列 分值: 提醒: D02 2026 年度「目标任务」的指标分值合计 35, 类别分值为 30"
expect_stderr_has "many.csv:2: 列 类别: 提醒: D02 2026 年度「目标任务」有 7 项指标, 一般为 1 到 6 项"
expect_stdout_has "新增 7"

# --- ledger with the operator's own numbering: stable, so re-import updates in place ---
cat >"$work/num.csv" <<'EOF'
编号,年度,单位编码,日期,类型,分值,事由
2025-001,2025,D02,2025-05-01,投诉查处,0.5,编号一
EOF
expect_ok K import ledger "$work/num.csv"
expect_stdout_has "新增 1"
sed -i 's/0.5,编号一/1,编号一/' "$work/num.csv"
expect_ok K import ledger "$work/num.csv"
expect_stdout_has "新增 0, 更新 1"

# --- usage ---
expect_status 2 K import
expect_status 2 K import widgets "$data/units.csv"
expect_stderr_has "未知的类型 widgets"
expect_status 2 K export widgets
expect_ok K import --help
expect_stdout_has "用法: kaoping import"
expect_status 3 K import units "$work/missing.csv"
expect_stderr_has "missing.csv: 无法打开"

# --- the demo: export, edit a value, import, see the change ---
db="$work/demo.db"
expect_ok K demo
expect_ok K export appraisals --year 2025 -o "$work/demo-ap.csv"
grep -qF '"2025","D02","86.4","91.2"' "$work/demo-ap.csv" || fail "demo D02 appraisal not as documented"
sed -i 's/"2025","D02","86.4"/"2025","D02","87.5"/' "$work/demo-ap.csv"
expect_ok K import appraisals "$work/demo-ap.csv"
expect_stdout_has "新增 0, 更新 1, 未变 45"
expect_ok K export appraisals --year 2025
expect_stdout_has '"2025","D02","87.5","91.2"'
# the monitor grid is a kind of the same export command
expect_ok K export monitor --year 2026 --quarter 3
expect_stdout_has '"D01","县发展和改革委员会","A11"'
expect_status 2 K export monitor --year 2026
expect_stderr_has "export monitor 需要 --quarter"
expect_ok K export ranking --year 2025 -o "$work/rank.csv"
grep -qF '"排名","单位编码"' "$work/rank.csv" || fail "export ranking"
# A ledger export whose 编号 column was deleted is still the same records (the demo's ids are
# random, not content ids): matched by content, nothing doubles; the file twice, the same.
K export ledger --year 2025 -o "$work/demo-led.csv" >/dev/null
led_before=$(sqlite3 "$db" "SELECT count(*), total(points) FROM ledger")
sed -E 's/^(\xEF\xBB\xBF)?"[^"]*",/\1/' "$work/demo-led.csv" >"$work/demo-noid.csv"
head -1 "$work/demo-noid.csv" | grep -qF $'\xEF\xBB\xBF"年度","单位编码","日期"' || fail "编号 column not cut"
expect_ok K import ledger "$work/demo-noid.csv"
expect_stdout_has "导入 ledger: 读取 47 行, 新增 0, 更新 0, 未变 47"
expect_ok K import ledger "$work/demo-noid.csv"
expect_stdout_has "新增 0, 更新 0, 未变 47"
[ "$(sqlite3 "$db" "SELECT count(*), total(points) FROM ledger")" = "$led_before" ] || fail "ledger doubled"
# ... but when another row of the file names that record by its 编号, the row is a new record.
{ sed -n 1,2p "$work/demo-led.csv"; sed -n 2p "$work/demo-noid.csv" | sed 's/^/"",/'; } >"$work/both.csv"
expect_ok K import ledger "$work/both.csv"
expect_stdout_has "读取 2 行, 新增 1, 更新 0, 未变 1"
# and every kind of the demo round-trips unchanged
for k in $kinds; do
  K export "$k" --year 2025 -o "$work/demo-$k.csv" >/dev/null
  expect_ok K import "$k" "$work/demo-$k.csv"
  expect_stdout_has "新增 0, 更新 0"
done
finish
