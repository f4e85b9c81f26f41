# Issue 12: numbers bounded to their domain and text bounded and clean, through the real
# binary. Each case is one of the issue's reproductions: refused on import with FILE:LINE,
# the column and the range (exit 3, nothing written); values already stored by an old file
# are reported by `check` and cannot make `rank` overflow; controls never reach the terminal
# from explain, audit or rank.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/b.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
cd "$work" || exit 1
expect_ok kp demo
utf8_ok() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$1 is not valid UTF-8"; }

# ---- numbers on import ----
big=$(printf '1%0120d' 0) # 1e120 written out (an exponent is refused anyway)
cat >l1.csv <<EOF
年度,单位编码,日期,类型,分值,事由
2025,X01,2025-03-01,查访核验,123456789012345678,身份证号贴进了分值
2025,X01,2025-03-02,加分,$big,x
2025,X01,2025-03-03,投诉查处,9300000000000,y
EOF
before=$(sqlite3 "$db" "SELECT count(*) FROM ledger")
expect_status 3 kp import ledger l1.csv
expect_stderr_has "l1.csv:2: 列 分值: 「123456789012345678」应大于 0 且不超过 100"
expect_stderr_has "l1.csv:3: 列 分值: 「${big:0:60}…」应大于 0 且不超过 100"
expect_stderr_has "l1.csv:4: 列 分值: 「9300000000000」应大于 0 且不超过 100"
[ "$(sqlite3 "$db" "SELECT count(*) FROM ledger")" = "$before" ] || fail "a refused import wrote"
cat >t1.csv <<'EOF'
年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值
2025,X01,Z1,全局性重点工作,x,10,比例,99999999999999999999
EOF
expect_status 3 kp import targets t1.csv
expect_stderr_has "t1.csv:2: 列 目标值: 「99999999999999999999」应在 0 到 1000000000000 之间"

# ---- text on import ----
printf '单位编码,单位名称,分组\nX99,"\033[2J\033[31m坏\033]0;owned\007",乡镇\n' >u1.csv
expect_status 3 kp import units u1.csv
expect_stderr_has "u1.csv:2: 列 单位名称: "
expect_stderr_has "含有控制字符或文字方向控制符"
printf '单位编码,单位名称,分组\nX98,"\342\200\256abc",乡镇\n' >u2.csv
expect_status 3 kp import units u2.csv
expect_stderr_has "u2.csv:2: 列 单位名称: "
# A 3 MB 单位名称 and a 10 MB 事由 are refused by the length limits; the message quotes the
# start of the value cut between characters, so stderr stays valid UTF-8.
{
  printf '单位编码,单位名称,分组\nX97,x'
  head -c 3000000 /dev/zero | tr '\0' 'n'
  printf ',乡镇\n'
} >u3.csv
expect_status 3 kp import units u3.csv
expect_stderr_has "太长 (名称最多 100 个字, 现有 3000001 个)"
{
  printf '年度,单位编码,日期,类型,分值,事由\n2025,X01,2025-03-01,查访核验,1,'
  head -c 3400000 /dev/zero | tr '\0' 'a' | sed 's/a/事/g'
  printf '\n'
} >l2.csv
expect_status 3 kp import ledger l2.csv
expect_stderr_has "l2.csv:2: 列 事由: 「事事事事事事事事事事事事事事事事事事事事…」太长 (说明文字最多 2000 个字, 现有 3400000 个)"
utf8_ok "$last_err"
# field.c's message for a cell too long to be a number cuts the same way (byte 60 falls
# inside a 万).
{
  printf '年度,单位编码,公众评议得分\n2025,X01,x'
  for _ in $(seq 1 60); do printf '万'; done
  printf '\n'
} >a1.csv
expect_status 3 kp import appraisals a1.csv
expect_stderr_has "…」太长, 不是数字"
utf8_ok "$last_err"

finish
