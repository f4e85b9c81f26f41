# 会议模式 at 80x24 gives the names the width the pool's longest one needs: T09 五马场哈萨克族乡
# (20 columns) reads whole (it was cut to 五马场哈萨克~ in an 18-column name column) and its bar
# and total follow on the same row.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys '['; wait_for "2025 年度"
keys m; wait_for "2025 年度考评结果  乡镇"
wait_for "T09 五马场哈萨克族乡 #"
screen | grep "T09 五马场" | grep -q "68.63  不合格" || fail "T09's total and grade not on its row"
keys Tab; wait_for "县直部门"
wait_for "D01 县发展和改革委员会"
keys q; wait_for "菜单"
keys Q; wait_for "EXIT=0"
finish
