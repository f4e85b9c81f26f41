# 评分录入 on a year whose scheme has no score source (the demo's qitai): F2, o, r and t say why
# nothing happens instead of doing nothing.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 8; wait_for "本年度的考核方案没有评分来源"
msg="本年度的考核方案没有评分来源: 先在 设置 → o 评分来源 中添加"
for k in F2 o r t; do
  keys Escape; wait_for "菜单"; keys 8; wait_for "评分录入"
  keys "$k"; wait_for "$msg"
done
keys Escape; wait_for "菜单"; keys Q; wait_for "EXIT=0"
finish
