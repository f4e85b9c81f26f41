#!/usr/bin/env bash
# Times the workstation's screens on the province-sized database by driving the real
# binary in tmux at 80x24: the key is sent, capture-pane is polled (with attributes, so a moved
# selection counts) until the screen shows the expected change, and the time from just before
# send-keys to the first matching capture is taken with date +%s%N. Each action is repeated
# RUNS times; the median and the maximum are printed. Not part of the test run.
#
#   bench/ui_speed.sh        (build/default; RUNS=10; BENCH_DB=/tmp/kaoping-province.db)
#   BENCH_ONLY=audit bench/ui_speed.sh   年度审定 and 审计日志 alone
#   BENCH_ONLY=home bench/ui_speed.sh    the first home screen alone
#
# The measured time includes tmux's own latency (send-keys, capture-pane: a few ms each), so
# it is an upper bound of what the program takes. Beside it, the program's own CPU time for
# the key (/proc/PID/schedstat), the steadier figure on a shared machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build/default}
src_db=${BENCH_DB:-/tmp/kaoping-province.db}
runs=${RUNS:-10}
only=${BENCH_ONLY:-}  # "audit": only 年度审定 and 审计日志 (the home screen's idle work first); "home": the first home screen
bin=$build/kaoping
export LC_ALL=C.UTF-8
[ -x "$bin" ] && [ -x "$build/gen_province" ] || { echo "build first: cmake --build --preset default" >&2; exit 1; }
command -v tmux >/dev/null && command -v sqlite3 >/dev/null || { echo "needs tmux and sqlite3" >&2; exit 1; }
if [ ! -f "$src_db" ]; then
  echo "generating $src_db (~90 s)..."
  "$build/gen_province" "$src_db"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kaoping-uibench-XXXXXX")
T="tmux -L kpbench$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
# The program opens its database read-write (WAL, migrations): work on a copy.
sqlite3 "$src_db" ".backup $work/province.db"

# A session that lives through the run: killing the program's session must not end the
# server (a new-session racing the exiting server fails with "server exited unexpectedly").
$T new-session -d -s keep "sleep 100000"
start_app() {
  $T kill-session -t b 2>/dev/null || true
  $T new-session -d -s b -x 80 -y 24 -e LC_ALL=C.UTF-8 -e ESCDELAY=25 -e KAOPING_OPERATOR=bench \
    "$bin --db $work/province.db; sleep 600"
}
start_app
cap() { $T capture-pane -p -e -t b; }
wait_text() { # wait_text TEXT: until the screen shows TEXT (10 s at most)
  local i=0
  until cap | grep -qF -- "$1"; do
    i=$((i + 1)); [ $i -lt 5000 ] || { echo "timed out waiting for $1" >&2; cap >&2; exit 1; }
  done
}
# timed EXPECT KEY...: microseconds from sending the keys until the screen shows EXPECT; EXPECT
# "" means "until the screen differs from before". A key that changes nothing (Down on the last
# row) would wait forever: after 10 s the figure is printed anyway and the key named on stderr.
timed() {
  local expect=$1; shift
  local before t0 t1 now pid c0
  before=$(cap)
  pid=$(app_pid); c0=$(cpu_ns "$pid")
  t0=$(date +%s%N)
  $T send-keys -t b "$@"
  while :; do
    now=$(cap)
    if [ -n "$expect" ]; then grep -qF -- "$expect" <<<"$now" && break
    else [ "$now" != "$before" ] && break; fi
    [ $(( $(date +%s%N) - t0 )) -lt 10000000000 ] || { echo "no change after 10 s: $*" >&2; break; }
  done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000 )) $(( ($(cpu_ns "$pid") - c0) / 1000 ))
}
# The program's own CPU time, which a loaded machine does not inflate the way it does the wall
# time: /proc/PID/schedstat's first field (ns on a CPU) of the kaoping the pane runs, read
# before the key and when the screen has changed (so it includes the redraw, and any idle work
# the screen starts before the capture sees it).
app_pid() {
  local p; p=$($T display -p -t b '#{pane_pid}')
  pgrep -P "$p" -x kaoping || echo "$p"
}
cpu_ns() { cut -d' ' -f1 "/proc/$1/schedstat" 2>/dev/null || echo 0; }
med_max() { # median / max of microsecond figures, in ms
  sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
                  printf "%7.1f / %7.1f", m / 1000, a[NR] / 1000}'
}
stats() { # lines "WALL_US CPU_US": median / max of each
  local in; in=$(cat)
  printf 'wall %s ms   cpu %s ms  (%d runs)' "$(awk '{print $1}' <<<"$in" | med_max)" \
    "$(awk '{print $2 + 0}' <<<"$in" | med_max)" "$(wc -l <<<"$in")"
}
report() { printf '%-44s %s\n' "$1" "$(stats)"; }

wait_text "菜单"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rows: $(sqlite3 "$work/province.db" "SELECT (SELECT count(*) FROM unit) || ' units, ' || (SELECT count(*) FROM target) || ' items, ' || (SELECT count(*) FROM ledger) || ' ledger records'")"

if [ "$only" != audit ]; then
# The home screen from the program's start: drawn (its menu and lines; the counts of a province
# may still read 统计中..., ui/screen_home.c), then with its counts (the latest quarter's
# warnings and 进度已填齐, counted in idle time in parts between keys), and a key pressed at once
# (? for the help: the time until it shows, i.e. the wait for the part under way and the draw).
for _ in $(seq "$runs"); do
  t0=$(date +%s%N); start_app; wait_text "菜单"; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000 )) $(( $(cpu_ns "$(app_pid)") / 1000 ))
done | report "first screen drawn (fresh program)"
for _ in $(seq "$runs"); do
  t0=$(date +%s%N); start_app; wait_text "进度已填齐: Q1"; wait_text "预警: 红色"; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000 )) $(( $(cpu_ns "$(app_pid)") / 1000 ))
done | report "first screen with its counts (fresh program)"
for _ in $(seq "$runs"); do
  start_app; wait_text "菜单"
  timed "「首页」的按键" "?"
done | report "first screen: ? at once (help shows)"
[ "$only" != home ] || { $T send-keys -t b Q; exit 0; } # the home screen's rows only

# The first entry in a fresh program each run. The home screen ranks the year as soon as it
# is drawn (its idle work), so `r` at once waits for the rest of that ranking, while `r` a
# second after the home screen appeared (any real operator) finds it ready.
for _ in $(seq "$runs"); do
  start_app; wait_text "菜单"
  timed "(1/4 组)" r
done | report "open 排名结果, r at once (ranks the year)"
for _ in $(seq "$runs"); do
  start_app; wait_text "菜单"; sleep 1
  timed "(1/4 组)" r
done | report "open 排名结果, r 1 s after home appeared"
# Later entries reuse the ranking while the data is unchanged (db/stamp.h).
$T send-keys -t b Escape; wait_text "菜单"
for _ in $(seq "$runs"); do
  timed "(1/4 组)" r
  $T send-keys -t b Escape; wait_text "菜单"
done | report "open 排名结果 again (cached)"

# Back home: the year is kept while the data is unchanged (db/stamp.h), not loaded again.
for _ in $(seq "$runs"); do
  $T send-keys -t b r; wait_text "(1/4 组)"
  timed "进度已填齐" Escape
done | report "Esc back to the home screen (data unchanged)"

$T send-keys -t b r; wait_text "(1/4 组)"
for key in Down PgDn; do
  for _ in $(seq "$runs"); do timed "" "$key"; done | report "key $key"
  $T send-keys -t b Home
done
# End and Home alternate (a second End would change nothing on screen).
for _ in $(seq "$runs"); do timed "" End; timed "" Home; done | report "keys End / Home"
for _ in $(seq "$runs"); do timed "" Tab; done | report "key Tab (next pool)"
for _ in $(seq "$runs"); do timed "" Left; done | report "key Left (previous pool)"
for _ in $(seq "$runs"); do timed "" g; done | report "key g (grade filter)"
$T send-keys -t b Home
$T send-keys -t b Down Down # explain a unit other than the first
for _ in $(seq "$runs"); do
  timed "的得分说明" Enter
  $T send-keys -t b Escape; wait_text "组)  "
done | report "key Enter (explanation open)"
for _ in $(seq "$runs"); do
  $T send-keys -t b g; wait_text "等次筛选" # a status line without 已导出
  timed "已导出" e
done | report "key e (export the pool's CSV)"
$T send-keys -t b Escape; wait_text "菜单"
for _ in $(seq "$runs"); do
  timed "第 1/4 组" m
  $T send-keys -t b q; wait_text "菜单"
done | report "open 会议模式 (m from home)"
$T send-keys -t b m; wait_text "第 1/4 组"
for _ in $(seq "$runs"); do timed "" Space; done | report "会议模式 key Space (next page)"
$T send-keys -t b q; wait_text "菜单"
fi

# Every other screen (issue 18: every key under 16 ms, the way back home under 100 ms): opened
# from home (the menu key, timed until its own text shows), a few typical keys in it (each
# timed until the screen changes), and Esc back home. The screen is left between runs of an
# opening, so "open" is the usual, warm case; a screen that keeps nothing reads again.
# open_screen LABEL EXPECT KEY...: RUNS openings from home, each followed by Esc.
open_screen() {
  local label=$1 expect=$2; shift 2
  for _ in $(seq "$runs"); do
    timed "$expect" "$@"
    $T send-keys -t b Escape; back_to_home
  done | report "$label"
}
back_to_home() { # Esc until the home screen shows (pickers are two levels deep)
  local i=0
  until cap | grep -qF "进度已填齐"; do
    i=$((i + 1)); [ $i -lt 400 ] || { echo "not back home" >&2; cap >&2; exit 1; }
    [ $((i % 50)) -ne 0 ] || $T send-keys -t b Escape
  done
}
# keys_in SCREEN KEY...: RUNS presses of each key where the screen is (End alternates with Home
# and PgDn with PgUp: a short list's end does not change on a second press).
keys_in() {
  local screen=$1 key; shift
  for key in "$@"; do
    if [ "$key" = End ]; then
      for _ in $(seq "$runs"); do timed "" End; timed "" Home; done | report "$screen End / Home"
    elif [ "$key" = PgDn ]; then
      for _ in $(seq "$runs"); do timed "" PgDn; timed "" PgUp; done | report "$screen PgDn / PgUp"
    else
      for _ in $(seq "$runs"); do timed "" "$key"; done | report "$screen $key"
      $T send-keys -t b Home
    fi
  done
}
# esc_home SCREEN KEY EXPECT [ENTER_EXPECT]: RUNS times: open (KEY, and Enter in a picker), Esc
# back home timed.
esc_home() {
  local screen=$1 key=$2 expect=$3 inner=${4:-}
  for _ in $(seq "$runs"); do
    $T send-keys -t b "$key"; wait_text "$expect"
    if [ -n "$inner" ]; then $T send-keys -t b Enter; wait_text "$inner"; $T send-keys -t b Escape; wait_text "$expect"; fi
    timed "进度已填齐" Escape
  done | report "$screen: Esc back home"
}

if [ "$only" != audit ]; then
open_screen "open 单位管理 (1)" "个单位" 1
$T send-keys -t b 1; wait_text "个单位"
keys_in "单位管理" Down PgDn End
$T send-keys -t b Escape; back_to_home
esc_home "单位管理" 1 "个单位"

open_screen "open 任务书's unit picker (2)" "任务书: 选择单位" 2
$T send-keys -t b 2; wait_text "任务书: 选择单位"
keys_in "任务书 picker" Down PgDn End
for _ in $(seq "$runs"); do
  timed "年度任务书" Enter; $T send-keys -t b Escape; wait_text "任务书: 选择单位"
done | report "任务书: Enter (a unit's 40 items)"
$T send-keys -t b Enter; wait_text "年度任务书"
keys_in "任务书" Down PgDn End
$T send-keys -t b Escape; back_to_home
esc_home "任务书" 2 "任务书: 选择单位" "年度任务书"

open_screen "open 季度进度's picker (3)" "选择季度和单位" 3
$T send-keys -t b 3; wait_text "选择季度和单位"
keys_in "季度进度 picker" Down PgDn
for _ in $(seq "$runs"); do
  timed "累计值" Enter; $T send-keys -t b Escape; wait_text "选择季度和单位"
done | report "季度进度: Enter (the progress grid)"
$T send-keys -t b Enter; wait_text "累计值"
keys_in "季度进度 grid" Down PgDn End Right Tab
$T send-keys -t b Escape; back_to_home
esc_home "季度进度" 3 "选择季度和单位" "累计值"

open_screen "open 加减分台账's picker (4)" "加减分台账: 选择单位" 4
$T send-keys -t b 4; wait_text "加减分台账: 选择单位"
keys_in "台账 picker" Down PgDn End
for _ in $(seq "$runs"); do
  timed "年度加减分台账" Enter; $T send-keys -t b Escape; wait_text "加减分台账: 选择单位"
done | report "加减分台账: Enter (a unit's ledger)"
$T send-keys -t b Enter; wait_text "年度加减分台账"
keys_in "加减分台账" Down End
$T send-keys -t b Escape; back_to_home
esc_home "加减分台账" 4 "加减分台账: 选择单位" "年度加减分台账"

open_screen "open 公众评议 (5)" "年度公众评议" 5
$T send-keys -t b 5; wait_text "年度公众评议"
keys_in "公众评议" Down PgDn End
$T send-keys -t b Escape; back_to_home
esc_home "公众评议" 5 "年度公众评议"

open_screen "open 整改 (7)" "年度整改" 7
$T send-keys -t b 7; wait_text "年度整改"
keys_in "整改" f
$T send-keys -t b Escape; back_to_home
esc_home "整改" 7 "年度整改"

open_screen "open 评分录入 (8)" "评分录入" 8
open_screen "open 设置 (s)" "年度考核方案" s
$T send-keys -t b s; wait_text "年度考核方案"
keys_in "设置" Down
$T send-keys -t b Escape; back_to_home
esc_home "设置" s "年度考核方案"
fi
[ "$only" != audit ] || { wait_text "进度已填齐: Q1"; sleep 3; } # the home screen's idle ranking
open_screen "open 年度审定 (l)" "考核结果" l
esc_home "年度审定" l "考核结果"
open_screen "open 合并冲突 (c)" "合并冲突: 未处理" c

# 审计日志 and its filters (the log's storage is helper audit13's; timed here for the issue's
# 100 ms goal). The unit filter is typed into its prompt; the table filter steps to the next
# table; the date filter is typed; c clears them.
open_screen "open 审计日志 (a)" "审计日志" a
$T send-keys -t b a; wait_text "审计日志"
keys_in "审计日志" Down PgDn End
unit=$(sqlite3 "$work/province.db" "SELECT code FROM unit ORDER BY code LIMIT 1 OFFSET (SELECT count(*) / 2 FROM unit)")
day=$(sqlite3 "$work/province.db" "SELECT substr(max(at), 1, 10) FROM audit")
# Each filter's Enter and the c that clears it are reported apart.
for _ in $(seq "$runs"); do
  $T send-keys -t b u; sleep 0.3; $T send-keys -t b "$unit"
  timed "单位: $unit" Enter >>"$work/u_enter"
  timed "单位: 全部" c >>"$work/u_clear"
done
report "审计日志 unit filter (Enter)" <"$work/u_enter"
report "审计日志 c (clears the unit filter)" <"$work/u_clear"
for _ in $(seq "$runs"); do timed "" t; done | report "审计日志 t (next table)"
$T send-keys -t b c; wait_text "表: 全部"
for _ in $(seq "$runs"); do
  $T send-keys -t b d; sleep 0.3; $T send-keys -t b "$day"
  timed "日期从: $day" Enter >>"$work/d_enter"
  timed "" End >>"$work/d_end"
  timed "日期从: 最早" c >>"$work/d_clear"
done
report "审计日志 date filter (Enter)" <"$work/d_enter"
report "审计日志 End in the date filter's rows" <"$work/d_end"
report "审计日志 c (clears the date filter)" <"$work/d_clear"
$T send-keys -t b Escape; back_to_home
esc_home "审计日志" a "审计日志"

if [ "$only" != audit ]; then
# 双监控 opens on the quarter the home screen has read already (ui/screen_monitor_cache.h); at
# once after the home screen appeared, `6` waits for the home screen's idle ranking (as `r`
# above), a second later it does not.
for _ in $(seq "$runs"); do
  start_app; wait_text "菜单"
  timed "条: 红色" 6
done | report "open 双监控, 6 at once (waits for the ranking)"
for _ in $(seq "$runs"); do
  start_app; wait_text "菜单"; sleep 1
  timed "条: 红色" 6
done | report "open 双监控, 6 1 s after home appeared"
$T send-keys -t b Escape; wait_text "菜单"
for _ in $(seq "$runs"); do
  timed "条: 红色" 6
  $T send-keys -t b Escape; wait_text "菜单"
done | report "open 双监控 again (kept)"
esc_home "双监控" 6 "条: 红色"
$T send-keys -t b 6; wait_text "条: 红色"
sleep 2 # the other quarters are read in 双监控's idle time
for _ in $(seq "$runs"); do timed "" Down; done | report "双监控 key Down"
for _ in $(seq "$runs"); do timed "" Tab; done | report "双监控 key Tab (warnings / summary)"
for _ in $(seq "$runs"); do timed "" Left; timed "" Right; done | report "双监控 keys Left / Right (quarter)"
for _ in $(seq "$runs"); do timed "Q1 " 1; timed "Q4 " 4; done | report "双监控 keys 1 / 4 (quarter)"
$T send-keys -t b Escape; wait_text "菜单"
fi
$T send-keys -t b Q
