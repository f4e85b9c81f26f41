#!/usr/bin/env bash
# Field work at province size (issue 16): a laptop checked out of the province file records
# 20,000 ledger records and changes 50,000 progress rows; times checkout, pack and merge and
# measures their peak memory. Not part of the test run.
#
#   bench/field_merge.sh    (uses build/default; BENCH_DB=/tmp/kaoping-province.db, made by
#                            gen_province when missing; work files in BENCH_DIR=/tmp/kaoping-field)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build/default}
src=${BENCH_DB:-/tmp/kaoping-province.db}
dir=${BENCH_DIR:-/tmp/kaoping-field}
bin=$build/kaoping
export LC_ALL=C.UTF-8

[ -x "$bin" ] && [ -x "$build/gen_province" ] || { echo "build first: cmake --build --preset default" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
[ -f "$src" ] || "$build/gen_province" "$src"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
cp "$src" county.db
rm -f county.db-wal county.db-shm

# measure LABEL CMD...: wall seconds, CPU seconds and peak memory of one run.
measure() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o time.txt "$@" >out.txt 2>&1 || { cat out.txt; exit 1; }
  t1=$(date +%s%N)
  read -r u s m <time.txt
  printf '%-34s %7.1f s wall %7.1f s CPU %6d MB peak\n' "$label" \
    "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$(echo "$u + $s" | bc -l)" $((m / 1024))
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); county file $(du -m county.db | cut -f1) MB"
measure "field checkout" "$bin" --db county.db field checkout laptop.db --label bench
units=$(sqlite3 laptop.db "SELECT group_concat(code, ' ') FROM (SELECT code FROM unit ORDER BY code LIMIT 500)")
awk -v units="$units" 'BEGIN { n = split(units, u, " ");
  print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
  for (i = 1; i <= 20000; i++)
    printf "2025,%s,2025-%02d-%02d,查访核验,0.5,作风建设,暗访,外业第 %d 次查访,张三\n",
           u[i % n + 1], i % 12 + 1, i % 28 + 1, i }' >ledger.csv
"$bin" --db laptop.db export progress --year 2025 -o progress_all.csv
# 50,000 progress rows with a new 累计完成值 (column 5): +1.
head -50001 progress_all.csv | awk -F, 'NR == 1 { print; next }
  { gsub(/"/, ""); $5 = $5 + 1; print }' OFS=, >progress.csv
measure "laptop: import 20,000 ledger" "$bin" --db laptop.db --operator 张三 import ledger ledger.csv
measure "laptop: import 50,000 progress" "$bin" --db laptop.db --operator 张三 import progress progress.csv
measure "field pack" "$bin" --db laptop.db field pack -o bench.kpz
echo "pack: $(du -m bench.kpz | cut -f1) MB"
measure "field merge" "$bin" --db county.db field merge bench.kpz
cat out.txt
measure "field merge (again: nothing new)" "$bin" --db county.db field merge bench.kpz
