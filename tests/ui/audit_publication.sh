# 审计日志 at 80×24 shows a published row's key as the operator reads it: the unit, then the
# 发布编号 shortened to 8 digits (`T10 189e44d9`; the 32-digit number first was cut to
# `189e44d98778~`, hiding the unit), and the selected row's detail reads whole (T09's long
# name took a fourth row: `否决 否, 数据不全 否` was cut without a mark).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" lock --year 2025 >/dev/null || fail "lock 2025"
pub=$(sql "$db" "SELECT id FROM publication WHERE year = 2025 AND stage = 'year'")
[ ${#pub} -gt 8 ] || fail "the publication's number: '$pub'"
short=${pub:0:8}
start --db "$db"
wait_for "菜单"
keys a; wait_for "审计日志"; wait_for "新增 发布结果"
screen | grep -Eq "新增 发布结果 T10 $short +年度 2025, 单位 T10" || fail "T10's key is not 'T10 $short'"
screen | grep -q "$pub" && fail "the whole 发布编号 in the list at 80 columns"
keys /; wait_for "查找"; type_text T09; keys Enter; wait_for "找到: T09"
wait_for "新增发布结果 T09 $short"
joined=$(screen | tr -d '\n')
case "$joined" in *"名称 五马场哈萨克族乡"*"总分 "*"否决 否, 数据不全 否"*) ;;
  *) fail "T09's detail is not whole" ;; esac
keys Q; wait_for "EXIT=0"
finish
