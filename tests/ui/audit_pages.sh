# 审计日志 reads its rows a page at a time (the filter's ids, then a row when it is drawn): the
# count in its header and the rows it shows, on the first page and at End, are
# `kaoping audit`'s with the same filters: none, a table (t), a date (d), both, and a unit (u).
# The log holds the demo, a lock and an unlock, and a header another program wrote with an
# old time (listed last, and cut off by the date filter).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
export TZ=UTC
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" lock --year 2025 >/dev/null || { echo "lock failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" unlock --year 2025 --reason 复核 >/dev/null || { echo "unlock failed" >&2; exit 1; }
sql "$db" "INSERT INTO audit(id, at, operator, tbl, row_key, action, old, new) VALUES
  ('00000000000000000000000000000001', '2026-01-05T03:00:00Z', 'other', 'year', '2025', 'update',
   NULL, '{\"locked\":0}')"

# cli ARGS...: kaoping audit's rows (tab-separated) with these filters, all of them.
cli() { "$KAOPING_BIN" --db "$db" audit --limit 0 "$@"; }
# detail_of LINE: the first detail line the screen shows for a row `kaoping audit` printed:
# its full time, operator and key (the action and table are in Chinese between them).
detail_of() { awk -F'\t' '{printf "%s  %s ", $1, $2}' <<<"$1"; }
# a long key is cut at the screen's edge; a published row's reads "D02 b0b84114" (the unit, then
# the 发布编号's first 8 digits; the whole number when the row has room)
key_of() {
  local key
  key=$(cut -f5 <<<"$1")
  case "$(cut -f4 <<<"$1")" in
    publication_row) printf '%s %s\n' "${key#*/}" "$(cut -c1-8 <<<"$key")" ;;
    *) cut -c1-16 <<<"$key" ;;
  esac
}
# shows_row LINE WHAT: the selected row's detail is that row.
shows_row() {
  wait_for "$(detail_of "$1")" || return
  screen | grep -F -- "$(detail_of "$1")" | grep -qF -- " $(key_of "$1")" || fail "$2: key $(key_of "$1")"
}
# check_list WHAT ARGS...: the header's count and the first and last rows equal the CLI's.
check_list() {
  local what=$1 out n
  shift
  out=$(cli "$@")
  n=$(grep -c . <<<"$out")
  [ "$n" -gt 5000 ] && n=5000
  wait_for "审计日志 $n 条" || return
  keys Home; shows_row "$(head -1 <<<"$out")" "$what: first row"
  # the first page's times, to the minute, in order (the list starts at the left edge, the
  # detail lines one column in)
  local shown want
  shown=$(screen | grep -oE '^20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}' | head -8)
  want=$(cut -c1-16 <<<"$out" | head -"$(grep -c . <<<"$shown")")
  expect_eq "$shown" "$want" "$what: the first page's times"
  keys End; shows_row "$(sed -n "${n}p" <<<"$out")" "$what: row $n (End)"
  keys Home
}

start --db "$db"
wait_for "菜单"
keys a; wait_for "审计日志"
check_list "no filter"
# the old header is the last row
expect_eq "$(cli | tail -1 | cut -f2)" "other" "the old header's row is last"

keys t; wait_for "表: 单位"
check_list "表 单位" --table unit
for i in $(seq 20); do screen | grep -qF "表: 年度 " && break; keys t; sleep 0.1; done
wait_for "表: 年度 "
check_list "表 年度" --table year

keys d; wait_for "从 (YYYY-MM-DD"; type_text "2026-01-06"; keys Enter
wait_for "日期从: 2026-01-06"
check_list "表 年度 from 2026-01-06" --table year --since 2026-01-06
keys c; wait_for "已清除筛选"
keys d; wait_for "从 (YYYY-MM-DD"; type_text "2026-01-06"; keys Enter
wait_for "日期从: 2026-01-06"
check_list "from 2026-01-06" --since 2026-01-06

keys c; wait_for "已清除筛选"
keys u; wait_for "单位编码"; type_text "D02"; keys Enter
wait_for "单位: D02"
check_list "单位 D02" --unit D02

keys Q; wait_for "EXIT=0"
finish
