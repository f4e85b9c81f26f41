# 设置 shows the year's pools and categories (issue 17 item 8): a summary line on the 设置
# screen at 132×43, and `c` opens the read-only list 考核组与类别 (each pool with its units and
# the sum of its categories, then each category with its points), at 80×24 and at 132×43.
# The expected numbers are those of `kaoping scheme show` and the demo's units per pool.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
year=$(sql "$db" "SELECT max(year) FROM year")
n_town=$(sql "$db" "SELECT count(*) FROM unit WHERE pool='乡镇'")
n_dept=$(sql "$db" "SELECT count(*) FROM unit WHERE pool='县直部门'")

start --db "$db"
wait_for "菜单"
keys s; wait_for "$year 年度考核方案"
keys c; wait_for "考核组与类别"
wait_for "[乡镇] $n_town 个单位, 6 个类别, 合计 90 分"
wait_for "[县直部门] $n_dept 个单位, 4 个类别, 合计 90 分"
screen | grep -Eq "^ *经济发展 +20 +乡镇" || fail "乡镇 经济发展 20 at 80x24"
keys End; wait_for "[金融机构]"
keys Escape; wait_for "$year 年度考核方案"

resize 132 43
wait_for "考核组: 乡镇 6 类 90 分; 县直部门 4 类 90 分;"
keys c; wait_for "[驻县单位]"
screen | grep -Eq "^ *目标任务 +30 +县直部门" || fail "县直部门 目标任务 30 at 132x43"
screen | grep -Eq "^ *作风效能建设 +10 +乡镇" || fail "乡镇 作风效能建设 10 at 132x43"
finish
