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
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell" >&2; exit 1; }
if [ ! -f "$db" ]; then
  echo "generating $db (2,000 units x 40 items, 320,000 progress rows, 20,000 ledger records)..."
  t0=$(date +%s)
  "$build/gen_province" "$db"
  echo "  done in $(( $(date +%s) - t0 )) s"
fi

# Prints the median wall time in ms of `runs` runs of the command.
median_ms() {
  local times=() t0 t1
  "$@" >/dev/null 2>&1 # warm the page cache
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

run_kaoping() { "$bin" --db "$db" rank --year 2025 --format csv; }
run_sql() { sqlite3 -csv "$db" < "$root/bench/rank.sql"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rows: $(sqlite3 "$db" "SELECT (SELECT count(*) FROM unit) || ' units, ' || (SELECT count(*) FROM target) || ' items, ' || (SELECT count(*) FROM progress) || ' progress rows, ' || (SELECT count(*) FROM ledger) || ' ledger records'")"

# Both must produce the same ranking (first 14 columns; kaoping adds 数据不全).
diff <(run_kaoping | tail -n +2 | tr -d '"\r' | cut -d, -f1-14) \
     <(run_sql | tr -d '"' | cut -d, -f1-14) >/dev/null \
  && echo "check: kaoping and the SQL query give the same 2,000 rows" \
  || echo "check: WARNING, kaoping and the SQL query differ (see bench/README.md)"

k=$(median_ms run_kaoping)
s=$(median_ms run_sql)
echo "kaoping rank --format csv: median ${k} ms over $runs runs"
echo "sqlite3 window query:      median ${s} ms over $runs runs"
awk -v k="$k" -v s="$s" 'BEGIN { printf "ratio (sql / kaoping): %.2f  (kaoping is %s)\n", s / k, k <= s ? "faster" : "SLOWER" }'

if [ -x /usr/bin/time ]; then
  mem=$( { /usr/bin/time -f '%M' "$bin" --db "$db" rank --year 2025 --format csv >/dev/null; } 2>&1 | tail -1)
  smem=$( { /usr/bin/time -f '%M' sqlite3 -csv "$db" < "$root/bench/rank.sql" >/dev/null; } 2>&1 | tail -1)
  echo "peak memory (max RSS): kaoping $((mem / 1024)) MB ($mem KB), sqlite3 shell $((smem / 1024)) MB"
else
  echo "peak memory: install GNU time (apt-get install time) to measure"
fi

if [ "${BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
  for what in kaoping sql; do
    out=$(mktemp)
    if [ $what = kaoping ]; then
      valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" --db "$db" rank --year 2025 --format csv >/dev/null 2>"$out.err"
    else
      valgrind --tool=callgrind --callgrind-out-file="$out" sqlite3 -csv "$db" < "$root/bench/rank.sql" >/dev/null 2>"$out.err"
    fi
    echo "instructions ($what): $(grep -o 'refs: *[0-9,]*' "$out.err" | tr -s ' ' | cut -d' ' -f2)"
    rm -f "$out" "$out.err"
  done
fi
