# 单位管理 beyond adding: the generated help, edit, a refused code change, delete refused with the
# store's reason while a unit has data (once, with what to do instead: x), delete of an empty unit; Esc at home does not quit, Q does.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }

start --db "$db"
wait_for "菜单"
keys '?'; wait_for "「首页」的按键"; wait_for "单位管理: 按分组列出单位"; wait_for "还有更多"
keys End; wait_for "F10/Q"; wait_for "审计日志: 谁在何时改了什么"
keys Escape; wait_for "菜单"
keys Escape; wait_for "已在首页"
keys '['; wait_for "切换到 2025 年度"; wait_for "2025 年度   ([ ] 切换年度)"; wait_for "进度已填齐: Q1 46  Q2 46  Q3 46  Q4 46"
keys ']'; wait_for "切换到 2026 年度"

keys ']'; wait_for "2026 已是最新的年度"
keys 1; wait_for "共 46 个单位"
screen | grep -q "已是最新的年度" && fail "the home screen's status followed into 单位管理"
keys '?'; wait_for "「单位管理」的按键"; wait_for "搜索"; keys q; wait_for "共 46 个单位"
# A second search starts from an empty prompt (typing does not append to the last one);
# an empty answer repeats the last search.
keys /; wait_for "查找"; type_text 县公安局; keys Enter; wait_for "找到: 县公安局"
keys /; wait_for "查找"; type_text 县教育局; keys Enter; wait_for "找到: 县教育局"
screen | grep -q "县公安局县教育局" && fail "the prompt kept the last search"
keys /; wait_for "查找"; keys Enter; wait_for "找到: 县教育局"
keys d; wait_for "单位 D02 还有"
# the reason says 不能删除 once, then what to do instead
wait_for "不能删除; 要从本年度起不再考核, 按 x 退出"
screen | grep -qF "不能删除: 单位 D02" && fail "the refusal says 不能删除 twice"
expect_eq "$(sql "$db" "SELECT count(*) FROM unit WHERE code='D02'")" "1" "D02 kept"

keys a; wait_for "*单位编码"
type_text X97; keys Tab; type_text 县测试局; keys Tab F4; wait_for "> 乡镇"
keys Down Down Enter; wait_gone "> 乡镇"; wait_for "驻县单位"
keys F2; wait_for "已保存"; wait_for "共 47 个单位"
keys Enter; wait_for "*单位编码"; wait_for "县测试局"
keys Tab Tab Tab Tab; type_text 赵六; keys F2; wait_for "已保存"
expect_eq "$(sql "$db" "SELECT name || '|' || pool || '|' || leader FROM unit WHERE code='X97'")" "县测试局|驻县单位|赵六" "edited"

keys Enter; wait_for "*单位编码"
keys BSpace; type_text 6; keys F2; wait_for "单位编码不能修改"
keys Escape; wait_for "中未保存的修改? (y/N)"; keys y; wait_for "共 47 个单位"
expect_eq "$(sql "$db" "SELECT count(*) FROM unit WHERE code='X96'")" "0" "no unit from a refused code change"

keys d; wait_for "删除单位 X97「县测试局」? (y/N)"; keys n; wait_for "共 47 个单位"
keys d; wait_for "删除单位 X97「县测试局」? (y/N)"; keys y; wait_for "已删除 X97"; wait_for "共 46 个单位"
keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM unit WHERE code='X97'")" "0" "X97 deleted"
finish
