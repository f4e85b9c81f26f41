# 设置 at 80×24 reads whole: the grade table under the list (it was cut at 50 columns before
# 否决上限), the pools line (cut before 金融机构's sum) and the preview's note take two rows or
# fewer words instead of ending in `~`.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys s; wait_for "2026 年度考核方案"
wait_for "等次: 优秀=90; 良好=80; 合格=70; 不合格;"
wait_for " 否决上限=合格"
wait_for "考核组: 乡镇 6 类 90 分; 县直部门 4 类 90 分; 驻县单位 4 类 90 分;"
wait_for " 金融机构 4 类 90 分;"
wait_for "预览: 修改后列出等次变化"
screen | grep -E "否决上限~|金融机构 4~|等次变~" && fail "text cut on 设置"
keys Q; wait_for "EXIT=0"
finish
