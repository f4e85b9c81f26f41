# The key bar at 80x24 keeps the keys a new operator needs on every screen: ?/F1 帮助 and
# Esc 返回 always, `u 撤销` while there is something to take back (not in a form, where u is a
# letter), and 台账's 3 加分 / 4 否决 next to 1 查访 / 2 投诉 (issue 17). A crowded bar closes
# its gaps and leaves out F10 退出 (and then the screen's last keys: all are in the help).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }

bar() { screen | tail -n 1; }
# bar_has SCREEN TEXT...: the last row shows every TEXT.
bar_has() {
  local where=$1 b
  shift
  b=$(bar)
  for t in "$@"; do
    case "$b" in *"$t"*) ;; *) fail "$where: key bar lacks '$t': $b" ;; esac
  done
}

start --db "$db"
wait_for "菜单"
for k in 1 2 3 4 5 6 7 r s l a c; do
  keys "$k"; wait_for "考评工作站 > "; wait_gone "考评工作站 > 首页"
  bar_has "screen $k" "?/F1 帮助" "Esc 返回"
  keys Escape; wait_for "考评工作站 > 首页"
done

# 台账: all four record types are in the bar.
keys 4; wait_for "加减分台账: 选择单位"; keys Enter; wait_for "2026 年度加减分台账"
bar_has 台账 "1 查访" "2 投诉" "3 加分" "4 否决" "Enter 修改" "d 删除" "?/F1 帮助" "Esc 返回"
keys Escape; wait_for "加减分台账: 选择单位"; keys Escape; wait_for "菜单"

# 整改: a delete leaves u 撤销 in the bar together with help and Esc.
keys 6; wait_for "双监控"; keys Enter; wait_for "登记整改"; keys F2; wait_for "已保存"
keys Escape; wait_for "菜单"; keys 7; wait_for "未完成 1"
keys d; wait_for "(y/N)"; keys y; wait_for "(u 撤销)"
bar_has 整改 "u 撤销" "?/F1 帮助" "Esc 返回" "d 删除" "e 修改"
# A form: u is a letter there, so the bar does not offer it.
keys a; wait_for "新增整改: 选择单位"; keys Enter; wait_for "新整改:"
case "$(bar)" in *"u 撤销"*) fail "a form's bar offers u 撤销: $(bar)" ;; esac
keys Escape; wait_for "未完成 0"
keys u; wait_for "已撤销"; wait_for "未完成 1"
keys Q; wait_for "EXIT=0"
finish
