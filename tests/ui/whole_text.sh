# Whole text (issue 17 item 3) on every list screen, at 80×24 and at 132×43: T02 gets a
# 26-character name and its item A11 of 2026 a 26-character name (52 columns each). At 80
# columns a name that does not fit ends with the cut mark '~' (never the ambiguous-width
# '…') and the detail line under the list shows the selected row whole; at 132 columns the
# name columns widen and the rows show the names whole. 会议模式 shows 数据不全 whole at 80.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
kp() { LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" "$@"; }
name=老奇台镇农业农村和乡村振兴发展服务中心驻村工作队
item=乡村振兴示范村建设与高标准农田建设及耕地保护任务
kp export units -o "$work/u.csv" >/dev/null
sed -i "s/\"T02\",\"老奇台镇\"/\"T02\",\"$name\"/" "$work/u.csv"
kp import units "$work/u.csv" >/dev/null || fail "import units"
kp export targets --year 2026 -o "$work/t.csv" >/dev/null
sed -i "s/\"T02\",\"A11\",\"全局性重点工作\",\"[^\"]*\"/\"T02\",\"A11\",\"全局性重点工作\",\"$item\"/" "$work/t.csv"
kp import targets "$work/t.csv" >/dev/null || fail "import targets"
expect_eq "$(sql "$db" "SELECT name FROM target WHERE year=2026 AND unit='T02' AND item='A11'")" "$item" "long item name"

# row_has RE: a screen line (not the detail line) matches RE; whole LABEL TEXT: the text is on
# the screen in one piece.
row_has() { screen | grep -Eq -- "$1" || fail "$2: no row matching $1"; }
whole() { screen | grep -qF -- "$2" || fail "$1: not whole on screen: $2"; }
no_ellipsis() { screen | grep -qF "…" && fail "$1: ambiguous-width … on screen"; }
find_t02() { keys /; wait_for "查找"; keys C-u; type_text T02; keys Enter; wait_for "找到: T02"; }

# visit W H: every list screen at this size; at 80 the cut rows end with '~', at 132 they do
# not (the name fits) and the detail line repeats the whole text in both.
visit() {
  local w=$1 cut
  [ "$w" = 80 ] && cut='~' || cut=' '
  keys 1; wait_for "共 46 个单位"; find_t02
  row_has "^T02 +老奇台镇农业农村和乡村振兴.*${cut}" "单位管理 $w"; whole "单位管理 $w" " T02  $name"
  no_ellipsis "单位管理"; keys Escape; wait_for "菜单"
  keys 2; wait_for "任务书: 选择单位"; find_t02
  row_has "^T02 +老奇台镇.*${cut}" "任务书 picker $w"; whole "任务书 picker $w" "$name"
  keys Enter; wait_for "2026 年度任务书"; wait_for "A11"
  row_has "A11 +乡村振兴示范村建设与高标准.*${cut}" "任务书 $w"; whole "任务书 $w" "$item"
  keys Escape; wait_for "任务书: 选择单位"; keys Escape; wait_for "菜单"
  keys 3; wait_for "季度进度: 选择季度和单位"; find_t02; whole "进度 picker $w" "$name"
  keys Enter; wait_for "累计完成"
  row_has "^A11 +乡村振兴示范村.*${cut}" "季度进度 $w"; whole "季度进度 $w" "$item"
  keys Escape; wait_for "季度进度: 选择季度和单位"; keys Escape; wait_for "菜单"
  keys 4; wait_for "加减分台账: 选择单位"; find_t02; whole "台账 picker $w" "$name"
  keys Escape; wait_for "菜单"
  keys 5; wait_for "公众评议"; find_t02
  row_has "^T02 +老奇台镇.*${cut}" "公众评议 $w"; whole "公众评议 $w" "$name"
  keys Escape; wait_for "菜单"
  keys 6; wait_for "预警"; keys Tab; wait_for "执行率%"; find_t02
  row_has "^T02 老奇台镇.*${cut}" "双监控汇总 $w"; whole "双监控汇总 $w" "$name"
  keys Escape; wait_for "菜单"
  keys r; wait_for "排名结果"; find_t02
  row_has "T02 老奇台镇.*${cut}" "排名结果 $w"; whole "排名结果 $w" "T02 $name: 集中考核"
  keys Escape; wait_for "菜单"
  keys m; wait_for "年度考评结果"
  row_has "数据不全$" "会议模式 $w"
  [ "$w" = 80 ] && row_has "T02 老奇台镇.*~ +#" "会议模式 cut name"
  keys q; wait_for "菜单"
}

start --db "$db"
wait_for "菜单"
visit 80
resize 132 43
wait_for "菜单"
visit 132
finish
