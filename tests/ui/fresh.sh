# A fresh database: home says there is no year; data screens wait for one; `n` creates the
# current year (scheme and categories from the default preset) in one transaction.
. "$(dirname "$0")/lib.sh"
db="$work/new.db"
this_year=$(date +%Y)

start --db "$db"
wait_for "新建数据库? (y/N)"; keys y Enter
wait_for "数据库里还没有年度"
wait_for "无年度"
keys 2; wait_for "请先按 n 新建年度"
keys n; wait_for "新建 $this_year 年度"; keys n
wait_for "数据库里还没有年度"
keys n; wait_for "新建 $this_year 年度"; keys y
wait_for "已新建 $this_year 年度"; wait_for "任务书 0/0 单位"
keys 2; wait_for "任务书: 选择单位"; wait_for "(空)"
wait_for "本年度还没有单位: 先在首页按 1 单位管理, 再按 a 添加" # where units come from
keys q; wait_for "菜单"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT group_concat(year) FROM year")" "$this_year" "one year created"
expect_eq "$(sql "$db" "SELECT count(*) > 0 FROM category WHERE year=$this_year")" "1" "categories from the preset"
finish
