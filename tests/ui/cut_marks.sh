# Texts a new operator meets that were cut without a mark: the empty database's first screen
# (写入演示数 for 写入演示数据) and a form's context line (关闭整改: ... cut at the edge) now read
# whole or end with "~", as does every line drawn by draw_text (the 任务书 reminder).
. "$(dirname "$0")/lib.sh"
start --db "$work/fresh.db"
wait_for "新建数据库? (y/N)"; type_text y; keys Enter
wait_for "数据库里还没有年度"
wait_for "写入演示数据。"
# Every screen line cut at the edge is marked: a new unit's 任务书 header with its first reminder.
keys n; wait_for "(y/N)"; keys y; wait_for "已新建"
keys 1; wait_for "共 0 个单位"; keys a; wait_for "单位编码"
type_text X01; keys Tab; type_text 县乡村振兴局; keys Tab Right; keys F2; wait_for "已保存"
keys Escape; wait_for "菜单"; keys 2; wait_for "选择单位"; keys Enter; wait_for "年度任务书"
screen | grep "年度任务书" | grep -q "提醒: .*~$" || fail "the 任务书 reminder is cut without a mark"
keys Q; wait_for "EXIT=0"
$T kill-server

db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
start --db "$db"
wait_for "菜单"
keys 6; wait_for "Q3 预警"; keys Enter; wait_for "登记整改"; keys F2; wait_for "已保存"
keys Escape; wait_for "菜单"; keys 7; wait_for "未完成 1"
keys Enter; wait_for "整改完成"
wait_for "关闭整改: D13 县交通运输局"
screen | grep "关闭整改:" | grep -q "~$" || fail "the context line is cut without a mark"
keys Escape; wait_for "未完成 1"
keys Q; wait_for "EXIT=0"
finish
