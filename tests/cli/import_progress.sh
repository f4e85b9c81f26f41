# Progress of a long import: on a terminal (util-linux `script` provides one) a big file
# announces its reading and checking phases on stderr, and the line is cleared before the
# summary; with stderr redirected nothing but the summary and problems is written.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

if ! command -v script >/dev/null; then
  echo "skipped: no script(1)"
  exit 0
fi
db="$work/p.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
printf '单位编码,单位名称,分组\nU01,单位一,县直部门\nU02,单位二,乡镇\n' >"$work/units.csv"
expect_ok K import units "$work/units.csv"
# 30k ledger rows, a little over 2 MB: "big" by size, whatever the machine's speed.
awk 'BEGIN { print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
             for (i = 1; i <= 30000; i++)
               printf "2025,U0%d,2025-%02d-%02d,查访核验,0.5,作风建设,暗访,第 %d 次查访记录说明,张三\n",
                      i % 2 + 1, i % 12 + 1, i % 28 + 1, i }' >"$work/big.csv"
[ "$(stat -c %s "$work/big.csv")" -gt 2097152 ] || fail "fixture smaller than 2 MB"

# tty RUN-NAME ARGS...: runs kaoping on a pseudo-terminal, the screen bytes in $work/RUN-NAME.
tty() {
  local name=$1; shift
  script -qec "$(printf '%q ' "$KAOPING_BIN" --db "$db" "$@")" /dev/null >"$work/$name" 2>&1 </dev/null || true
}
tty screen import ledger "$work/big.csv"
grep -qE "正在读取 big\.csv \([0-9]+\.[0-9] MB\)…" "$work/screen" || fail "no reading progress on the terminal"
grep -qF "正在检查 30000 行…" "$work/screen" || fail "no checking progress on the terminal"
grep -qF $'\r\033[K导入 ledger: 读取 30000 行' "$work/screen" ||
  fail "progress line not cleared before the summary: $(tr '\r\033' '|~' <"$work/screen" | tail -c 400)"
# A failing big file: the progress line is cleared before the problems.
{ cat "$work/big.csv"; echo "2025,U01,2025-02-30,查访核验,0.5,作风建设,暗访,x,张三"; } >"$work/bad.csv"
tty bad-screen import ledger "$work/bad.csv"
grep -qF $'\r\033[K'"$work/bad.csv:30002: 列 日期:" "$work/bad-screen" ||
  fail "progress line not cleared before the problems: $(tr '\r\033' '|~' <"$work/bad-screen" | tail -c 400)"

# Not a terminal: no progress at all.
expect_ok K import ledger "$work/big.csv"
expect_stdout_has "导入 ledger: 读取 30000 行, 新增 0, 更新 0, 未变 30000"
[ -s "$last_err" ] && fail "stderr not empty without a terminal"
grep -q "正在" "$last_out" && fail "progress on stdout"
finish
