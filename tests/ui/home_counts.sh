# The home screen is drawn at once and counts its warnings and 进度已填齐 in idle time, in parts
# between keys (ui/screen_home.c). On a province-sized file it first shows 统计中... (or, on a
# fast machine, already the values: never a part's counts) and then the same numbers as
# `kaoping monitor --summary` and the database; so does the demo (a missing report, mismatches,
# an incomplete quarter). Keys pressed while it counts are answered (the menu moves and opens,
# 双监控 opens on the quarter with the same warnings), Esc back ends with the same values, and Q
# while it counts exits cleanly.
# The placeholder is ASCII dots, never the ambiguous-width `…`.
. "$(dirname "$0")/lib.sh"

# expect DB: the home screen's lines computed from the CLI and the database, into
# $with_line, $complete_line, $warnings_line and $monitor_line (双监控's heading).
expect() {
  local db=$1 this year q sums red yellow missing mismatch n with units
  this=$(date +%Y)
  year=$(sql "$db" "SELECT coalesce((SELECT year FROM year WHERE year = $this), max(year)) FROM year")
  q=$(sql "$db" "SELECT max(quarter) FROM progress WHERE year = $year")
  # the latest quarter's warnings summed over the units (columns 红色 黄色 未填报 不匹配)
  sums=$("$KAOPING_BIN" --db "$db" monitor --year "$year" --quarter "$q" --summary --format csv |
    tail -n +2 | tr -d '"' | awk -F, '{r += $12; y += $13; m += $14; x += $15} END {print r, y, m, x}')
  read -r red yellow missing mismatch <<<"$sums"
  n=$(("$("$KAOPING_BIN" --db "$db" monitor --year "$year" --quarter "$q" --format csv | wc -l)" - 1))
  warnings_line="Q$q 预警: 红色 $red  黄色 $yellow  未填报 $missing  不匹"
  monitor_line="Q$q 预警 $n 条: 红色 $red  黄色 $yellow  未填报 $missing  不匹配 $mismatch"
  with=$(sql "$db" "SELECT count(DISTINCT unit) FROM target WHERE year = $year")
  units=$(sql "$db" "SELECT count(*) FROM unit_year WHERE year = $year")
  with_line="任务书 $with/$units 单位"
  complete_line="进度已填齐:"
  for quarter in 1 2 3 4; do # units whose every item has the quarter's row
    complete_line="$complete_line Q$quarter $(sql "$db" "SELECT count(*) FROM (SELECT unit,
      count(*) AS n FROM target WHERE year = $year GROUP BY unit) t WHERE n = (SELECT count(*)
      FROM progress p WHERE p.year = $year AND p.quarter = $quarter AND p.unit = t.unit)")"
    [ $quarter = 4 ] || complete_line="$complete_line "
  done
  [ "$red" -gt 0 ] || fail "$db has no red warnings (sums: $sums)"
}

# first_sight: the screen as first drawn shows the placeholder or the final values.
first_sight() {
  local first; first=$(screen)
  case "$first" in
    *"进度已填齐: 统计中..."*) echo "first screen: 统计中..." ;;
    *"$complete_line"*) echo "first screen: the values already" ;;
    *) fail "first screen: neither 统计中... nor $complete_line" ;;
  esac
  case "$first" in
    *"${warnings_line%%:*}: 统计中..."* | *"$warnings_line"*) ;;
    *) fail "first screen: neither ${warnings_line%%:*}: 统计中... nor $warnings_line" ;;
  esac
  case "$first" in *"…"*) fail "the ambiguous-width … on the home screen" ;; esac
  grep -qF "$with_line" <<<"$first" || fail "first screen: no $with_line"
}

final_values() {
  wait_for "$complete_line"; wait_for "$warnings_line"; wait_for "$with_line"
  screen | grep -qF "统计中" && fail "统计中 left on the screen"
}

restart() {
  keys Q; wait_for "EXIT=0"
  $T kill-session -t kp
  start --db "$1"
  wait_for "菜单"
}

demo="$work/demo.db"
"$KAOPING_BIN" --db "$demo" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
expect "$demo"
start --db "$demo"
wait_for "菜单"
first_sight
final_values

province="$work/p.db"
"$(dirname "$KAOPING_BIN")/gen_province" "$province" 250 >/dev/null || { echo "generator failed" >&2; exit 1; }
expect "$province"
restart "$province"
first_sight
final_values
# keys while it counts (as far as the machine is slow enough: the values are checked either way)
restart "$province"
keys Down Enter; wait_for "任务书: 选择单位"
keys Escape; final_values
restart "$province"
keys 6; wait_for "$monitor_line"
keys Escape; final_values
# quitting while it counts ends cleanly (the part read's statements are finalized first)
restart "$province"
keys Q; wait_for "EXIT=0"
finish
