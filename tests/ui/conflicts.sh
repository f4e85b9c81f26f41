# 合并冲突 (issue 16): a laptop and the county file both changed D01 A11's Q1 and Q2 after
# checkout; after the merge the home screen shows the count and `c` opens the screen: table,
# unit, row, what happened, and the values at checkout, on the county file and the laptop.
# `c` keeps the county's Q1, `l` takes the laptop's Q2 (each after a (y/N) naming what is
# given up; Enter answers no); the database and `kaoping field conflicts --all` agree.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
K() { LC_ALL=C.UTF-8 "$KAOPING_BIN" "$@"; }
K --db c.db demo >/dev/null || { echo "demo failed" >&2; exit 1; }
K --db c.db field checkout l1.db --label 第一检查组 >/dev/null || { echo "checkout" >&2; exit 1; }
printf '年度,单位编码,指标编码,季度,累计完成值\n2026,D01,A11,1,2.2\n2026,D01,A11,2,3.3\n' >c.csv
printf '年度,单位编码,指标编码,季度,累计完成值\n2026,D01,A11,1,2.9\n2026,D01,A11,2,3.1\n' >l.csv
K --db c.db import progress c.csv >/dev/null 2>&1 || { echo "county import" >&2; exit 1; }
K --db l1.db import progress l.csv >/dev/null 2>&1 || { echo "laptop import" >&2; exit 1; }
K --db l1.db field pack -o p.kpz >/dev/null && K --db c.db field merge p.kpz >/dev/null ||
  { echo "pack/merge" >&2; exit 1; }
actual() { sql c.db "SELECT actual FROM progress WHERE year=2026 AND unit='D01' AND item='A11' AND quarter=$1"; }

start --db "$work/c.db"
wait_for "菜单"
wait_for "合并冲突: 2 处未处理 (按 c 查看)"
keys c; wait_for "合并冲突: 未处理 2 处"
wait_for "#1    第一检查组"
screen | grep "#1 " | grep -q "季度进度 *D01 县发展和改革委员会 *A11 第1季度 *两边都改了" ||
  fail "conflict #1's row"
screen | grep "#2 " | grep -q "A11 第2季度" || fail "conflict #2's row"
wait_for "县里:   累计完成值 2.2"; wait_for "笔记本: 累计完成值 2.9"
screen | grep -q "检出时: 累计完成值 [0-9]" || fail "value at checkout"

# c on #1: the question names the laptop's value given up; Enter answers no.
keys c; wait_for "冲突 #1 保留县里的值, 放弃笔记本的「累计完成值 2.9」? (y/N)"
keys Enter; wait_gone "(y/N)"
expect_eq "$(sql c.db "SELECT count(*) FROM field_conflict WHERE status='open'")" 2 "Enter resolved nothing"
keys c; wait_for "(y/N)"; keys y; wait_for "冲突 #1 已处理: 保留县里的值"
wait_for "合并冲突: 未处理 1 处"
# l on #2 (now the first row): the county's 3.3 is replaced by the laptop's 3.1.
wait_for "县里:   累计完成值 3.3"
keys l; wait_for "冲突 #2 采用笔记本的值, 县里的「累计完成值 3.3」被替换? (y/N)"
keys y; wait_for "冲突 #2 已处理: 采用笔记本的值"
wait_for "没有未处理的冲突"
expect_eq "$(actual 1)" 2.2 "Q1 keeps the county's value"
expect_eq "$(actual 2)" 3.1 "Q2 takes the laptop's value"
all=$(K --db c.db field conflicts --all)
printf '%s\n' "$all" | grep -q "^#1 .*已处理: 保留县里的值" || fail "CLI sees #1 resolved: $all"
printf '%s\n' "$all" | grep -q "^#2 .*已处理: 采用笔记本的值" || fail "CLI sees #2 resolved: $all"
expect_eq "$(sql c.db "SELECT count(*) FROM audit WHERE tbl='field_conflict' AND operator='tester'")" 2 "both decisions audited"
keys '?'; wait_for "同 field resolve --keep laptop"; keys Escape
keys Escape; wait_for "菜单"
screen | grep -q "处未处理" && fail "home still shows open conflicts"
keys Q; wait_for "EXIT=0"
finish
