# 设置 → c 考核组与类别 at 80×24: a category added to the last pool (金融机构, below the visible
# rows) is the selected row and shown (it was added below the list's end, out of sight); a
# renamed category stays selected; `+`/`-` past the first or last pool say so.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys s; wait_for "年度考核方案"
keys c; wait_for "考核组与类别"
keys End; wait_for "[金融机构]"
keys c; wait_for "类别名 分值"
type_text "村级金融服务 5 专项考核=5"; keys Enter
wait_for "金融机构 添加类别 村级金融服务"
screen | grep -Eq "^ *村级金融服务 +5 +金融机构" || fail "the added category is not on screen"
# the cursor is on it: r offers its name to rename
keys r; wait_for "类别改名"; wait_for "村级金融服务"
keys C-u; type_text "普惠金融服务"; keys Enter
wait_for "类别 村级金融服务 改名为 普惠金融服务"
screen | grep -Eq "^ *普惠金融服务 +5 +金融机构" || fail "the renamed category is not on screen"
expect_eq "$(sql "$db" "SELECT points FROM category WHERE pool='金融机构' AND name='普惠金融服务'")" \
  "5.0" "the category's points in the database"
# + on the first pool and - on the last say so (they did nothing without a word)
keys Home; keys +; wait_for "乡镇 已是第一个考核组"
keys End; keys -; wait_for "金融机构 已是最后一个考核组"
keys Q; wait_for "EXIT=0"
finish
