# 审计日志 names every audited table in Chinese: locking 2025 publishes the year-end, and the
# log shows 发布结果 rows (it showed the stored names: publica~, publication) whose 内容 starts
# with the year and unit (it repeated the 发布编号 of the 主键 column beside it);
# t cycles to 等次 too; the published scores read as points (89.31, not 8931).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
keys l; wait_for "年度审定"; keys l; wait_for "(y/N)"; keys y; wait_for "已审定锁定"
keys Escape; wait_for "菜单"
keys a; wait_for "审计日志"
wait_for "新增 发布结果"; wait_for "年度 2025, 单位 "
screen | grep -q "发布编号" && fail "a 发布结果 row repeats its key (发布编号)"
screen | grep -q "publica" && fail "a table or column shown by its stored name"
# The selected row's detail shows the published scores as points, not stored hundredths.
keys Down; wait_for "新增发布结果"; wait_for "半年初评 "
screen | grep -qE "半年初评 [0-9]+\.[0-9]{2}," && screen | grep -qE "年终总评 [0-9]+\.[0-9]{2}," ||
  fail "published scores not shown as points"
screen | grep -qE "half_year|key_score" && fail "a publication column shown by its stored name"
# table_label: the 表 filter shown now (e.g. "表: 全部").
table_label() { screen | grep -o '表: [^ ]*' | head -1; }
# Each t must be seen on screen before the next one: keys sent ahead of a slow redraw
# (a sanitizer build under load) step past 等次 and the loop never sees it.
for i in $(seq 40); do
  shown=$(table_label)
  [ "$shown" = "表: 等次" ] && break
  keys t
  for j in $(seq 500); do [ "$(table_label)" != "$shown" ] && break; sleep 0.02; done
done
wait_for "表: 等次"
keys Q; wait_for "EXIT=0"
finish
