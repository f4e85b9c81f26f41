# 得分说明's stage lines (the unit's 半年初评 and each stage's published snapshot) are those of
# `kaoping explain`, also after another program changed the data while 排名结果 was open: the
# workstation keeps the 半年初评 ranking beside the year-end one (ui/results.c) instead of
# ranking it for each explanation, and must rank it again when the data changes.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" publish --year 2026 --stage half >/dev/null || fail "publish half"

# Each of the CLI's lines from 半年初评阶段 on, cut to its first 30 characters (the screen cuts
# long lines at 80 columns), must be on the screen.
same_stage_lines() {
  local line n=0 LC_ALL=C.UTF-8 # characters, not bytes, in ${line:0:30}
  while IFS= read -r line; do
    line=${line#"${line%%[! ]*}"} # without the indent
    line=${line:0:30}
    [ -n "$line" ] || continue
    n=$((n + 1))
    wait_for "$line"
  done < <(LC_ALL=C.UTF-8 "$KAOPING_BIN" --db "$db" explain --year 2026 D02 | sed -n '/^半年初评阶段/,$p')
  [ "$n" -ge 4 ] || fail "kaoping explain gave $n stage lines"
}

start --db "$db"
wait_for "菜单"; wait_for "2026 年度"
keys r; wait_for "(1/4 组)"
keys Tab; wait_for "县直部门 (2/4 组)" # D02's pool: the search looks in the pool shown
keys /; wait_for "查找"; type_text D02; keys Enter; wait_for "找到: D02"
keys Enter; wait_for "D02 的得分说明"; keys End
wait_for "半年初评排名"; wait_for "年终总评: 尚未发布"
same_stage_lines
keys Escape; wait_for "(2/4 组)"

# Meanwhile: a June complaint against D02 (its 半年初评 falls) and the year-end published.
printf '年度,单位编码,日期,类型,方式,事由,分值\n2026,D02,2026-06-15,投诉查处,12345热线,窗口推诿,0.5\n' \
  >"$work/late.csv"
"$KAOPING_BIN" --db "$db" import ledger "$work/late.csv" >/dev/null || fail "import late"
"$KAOPING_BIN" --db "$db" publish --year 2026 --stage year >/dev/null || fail "publish year"
keys Enter; wait_for "D02 的得分说明"; keys End
wait_for "      现在: "; wait_for "已发布的年终总评" # the snapshot differs now
same_stage_lines
keys Escape; wait_for "(2/4 组)"
keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
finish
