#!/usr/bin/env bash
# Times `kaoping rank` over a province-sized year against the same ranking written as one SQL
# query (bench/rank.sql) run by the sqlite3 shell on the same file, and measures peak memory.
# Not part of the test run.
#
#   bench/run_rank.sh              (uses build/default; RUNS=10; BENCH_DB=/tmp/kaoping-province.db)
#   BENCH_CALLGRIND=1 bench/run_rank.sh   also counts instructions (slow, but not noisy)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build/default}
db=${BENCH_DB:-/tmp/kaoping-province.db}
runs=${RUNS:-10}
bin=$build/kaoping
export LC_ALL=C.UTF-8

[ -x "$bin" ] && [ -x "$build/gen_province" ] || { echo "build first: cmake --build --preset default" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell" >&2; exit 1; }
if [ ! -f "$db" ]; then
  echo "generating $db (2,000 units x 40 items, 320,000 progress rows, 20,000 ledger records)..."
  t0=$(date +%s)
  "$build/gen_province" "$db"
  echo "  done in $(( $(date +%s) - t0 )) s"
fi

# Prints "WALL CPU": the median wall time and the median CPU time (user + sys) in ms of `runs`
# runs. CPU time is the steadier figure on a shared machine; wall time is what users feel.
median_ms() {
  local walls=() cpus=() t0 t1 cpu
  "$@" >/dev/null 2>&1 # warm the page cache
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    cpu=$( { /usr/bin/time -f '%U %S' "$@" >/dev/null; } 2>&1 | tail -1 | awk '{printf "%d", ($1 + $2) * 1000}')
    t1=$(date +%s%N)
    walls+=($(( (t1 - t0) / 1000 )))
    cpus+=("$cpu")
  done
  local w c
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.0f", m}')
  echo "$w $c"
}

kaoping_cmd=("$bin" --db "$db" rank --year 2025 --format csv)
sql_cmd=(sqlite3 -csv "$db" ".read $root/bench/rank.sql")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rows: $(sqlite3 "$db" "SELECT (SELECT count(*) FROM unit) || ' units, ' || (SELECT count(*) FROM target) || ' items, ' || (SELECT count(*) FROM progress) || ' progress rows, ' || (SELECT count(*) FROM ledger) || ' ledger records'")"

# Both must produce the same ranking (first 14 columns; kaoping adds 数据不全).
diff <("${kaoping_cmd[@]}" | tail -n +2 | tr -d '"\r' | cut -d, -f1-14) \
     <("${sql_cmd[@]}" | tr -d '"' | cut -d, -f1-14) >/dev/null \
  && echo "check: kaoping and the SQL query give the same 2,000 rows" \
  || echo "check: WARNING, kaoping and the SQL query differ (see bench/README.md)"

read -r k kc < <(median_ms "${kaoping_cmd[@]}")
read -r s sc < <(median_ms "${sql_cmd[@]}")
echo "kaoping rank --format csv: median ${k} ms wall, ${kc} ms CPU over $runs runs"
echo "sqlite3 window query:      median ${s} ms wall, ${sc} ms CPU over $runs runs"
awk -v k="$k" -v s="$s" -v kc="$kc" -v sc="$sc" 'BEGIN {
  printf "ratio (sql / kaoping): %.2f wall, %.2f CPU  (kaoping is %s)\n", s / k, sc / (kc ? kc : 1),
         k <= s ? "faster" : "SLOWER" }'

mem=$( { /usr/bin/time -f '%M' "${kaoping_cmd[@]}" >/dev/null; } 2>&1 | tail -1)
smem=$( { /usr/bin/time -f '%M' "${sql_cmd[@]}" >/dev/null; } 2>&1 | tail -1)
echo "peak memory (max RSS): kaoping $((mem / 1024)) MB ($mem KB), sqlite3 shell $((smem / 1024)) MB"

if [ "${BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
  for what in kaoping sql; do
    out=$(mktemp)
    if [ $what = kaoping ]; then cmd=("${kaoping_cmd[@]}"); else cmd=("${sql_cmd[@]}"); fi
    valgrind --tool=callgrind --callgrind-out-file="$out" "${cmd[@]}" >/dev/null 2>"$out.err"
    echo "instructions ($what): $(grep -o 'refs: *[0-9,]*' "$out.err" | tr -s ' ' | cut -d' ' -f2)"
    rm -f "$out" "$out.err"
  done
fi
