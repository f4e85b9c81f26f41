#!/usr/bin/env bash
# Imports a 200,000-row ledger as CSV and as .xlsx (written as a spreadsheet saves it: shared
# strings, numbers, dates) into fresh databases and reports wall time and peak memory (max RSS,
# GNU time -v) of each, and of the .xlsx reader alone (xlsx_scan). Not part of the test run.
#
#   bench/xlsx_import.sh      (uses build/default; ROWS=200000; BENCH_DIR=/tmp/kaoping-xlsx-bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build/default}
dir=${BENCH_DIR:-/tmp/kaoping-xlsx-bench}
rows=${ROWS:-200000}
bin=$build/kaoping
export LC_ALL=C.UTF-8

[ -x "$bin" ] && [ -x "$build/xlsx_scan" ] || { echo "build first: cmake --build --preset default" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
mkdir -p "$dir"
csv=$dir/ledger-$rows.csv xlsx=$dir/ledger-$rows.xlsx
if [ ! -f "$xlsx" ]; then
  echo "generating $rows ledger rows as CSV and .xlsx..."
  # The rows of tests/cli/import_kill.sh: distinct records of two units, no 编号.
  awk -v n="$rows" 'BEGIN { print "年度,单位编码,日期,类型,分值,方面,方式,事由,核验人";
       for (i = 1; i <= n; i++)
         printf "2025,U0%d,2025-%02d-%02d,查访核验,0.5,作风建设,暗访,第 %d 次查访,张三\n",
                i % 2 + 1, i % 12 + 1, i % 28 + 1, i }' >"$csv"
  /usr/bin/python3 "$root/bench/xlsx_ledger.py" "$csv" "$xlsx"
fi
printf '单位编码,单位名称,分组\nU01,单位一,县直部门\nU02,单位二,乡镇\n' >"$dir/units.csv"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files: CSV $(($(stat -c %s "$csv") / 1024)) KB, .xlsx $(($(stat -c %s "$xlsx") / 1024)) KB" \
     "(sheet XML $(($(unzip -l "$xlsx" xl/worksheets/sheet1.xml | tail -1 | awk '{print $1}') / 1024)) KB," \
     "shared strings $(($(unzip -l "$xlsx" xl/sharedStrings.xml | tail -1 | awk '{print $1}') / 1024)) KB)"

# measure NAME CMD...: wall time and max RSS of one run.
measure() {
  local name=$1; shift
  local log=$dir/time.log
  /usr/bin/time -v "$@" >"$dir/out.log" 2>"$log" || { cat "$dir/out.log" "$log" >&2; exit 1; }
  printf '%-22s %s, %s MB peak (%s)\n' "$name" \
    "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")" \
    "$(($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log") / 1024))" \
    "$(tail -1 "$dir/out.log")"
}

measure "xlsx reader alone" "$build/xlsx_scan" "$xlsx"
for f in "$csv" "$xlsx"; do
  rm -f "$dir/b.db"*
  "$bin" --db "$dir/b.db" import units "$dir/units.csv" >/dev/null
  measure "import ledger .${f##*.}" "$bin" --db "$dir/b.db" import ledger "$f"
done
