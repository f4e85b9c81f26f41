#!/usr/bin/env bash
# Every benchmark side by side with its sqlite3 counterpart, at one or more province sizes:
# median CPU time (user + sys) of RUNS runs each, the ratio kaoping / sqlite3 (below 1: kaoping
# is faster), instructions and their ratio (BENCH_CALLGRIND=1, one run each under callgrind),
# and both sides' peak memory (max RSS, median). CPU time, not wall time: the build machine
# is shared and its wall times are noise. Not part of the test run.
#
#   bench/run_all.sh                 2,000 units, RUNS=3
#   bench/run_all.sh 500 2000 8000   the scale table of bench/README.md
#   BENCH_DIR=/tmp/kaoping-bench     where the generated files are kept (GBs at 8,000 units)
#   BENCH_IMPORT=0                   leave out the two import rows (and their prepared files)
#   BENCH_MEMORY=1                   instead: the peak memory (max RSS, one run) of every
#                                    command at each size, one table (minutes, not hours:
#                                    the quick mode that finishes at 8,000 units)
#
# The sqlite3 counterparts run on a copy whose audit triggers name a fixed operator instead
# of kaoping's kp_operator() function (the shell does not have it); they do the same writes,
# audited the same way, as one SQL statement.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build/default}
dir=${BENCH_DIR:-/tmp/kaoping-bench}
runs=${RUNS:-3}
imports=${BENCH_IMPORT:-1}
bin=$build/kaoping
export LC_ALL=C.UTF-8 TZ=UTC
[ -x "$bin" ] && [ -x "$build/gen_province" ] || { echo "build first: cmake --build --preset default" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell" >&2; exit 1; }
mkdir -p "$dir"

# one PREP CMD: "CPU_MS RSS_KB" of one run of CMD (a shell string, run by sh -c: its few ms
# count on both sides) after running PREP (the fresh copy an import writes into: not timed).
one() {
  eval "$1"
  /usr/bin/time -f '%U %S %M' sh -c "$2" >/dev/null 2>"$dir/time.log" || { tail -5 "$dir/time.log" >&2; exit 1; }
  tail -1 "$dir/time.log" | awk '{printf "%d %d\n", ($1 + $2) * 1000, $3}'
}
median_of() { sort -n | awk '{v[NR] = $1} END {printf "%d", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# median PREP CMD...: "CPU_MS RSS_MB", medians of RUNS runs.
median() {
  local out=() i c m
  for i in $(seq "$runs"); do out+=("$(one "$@")"); done
  c=$(printf '%s\n' "${out[@]}" | cut -d' ' -f1 | median_of)
  m=$(printf '%s\n' "${out[@]}" | cut -d' ' -f2 | median_of)
  echo "$c $((m / 1024))"
}
# instr PREP CMD: instructions (callgrind, the command and its children), in millions; 0
# unless BENCH_CALLGRIND=1. Steady where CPU times are not (a shared machine).
instr() {
  [ "${BENCH_CALLGRIND:-0}" = 1 ] || { echo 0; return; }
  eval "$1"
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$dir/cg.%p" \
    sh -c "$2" >/dev/null 2>"$dir/cg.log" || true
  rm -f "$dir"/cg.[0-9]*
  awk '/Collected :/ {s += $NF} END {printf "%d", s / 1e6}' "$dir/cg.log"
}
# row NAME "K_PREP" "K_CMD" "S_PREP" "S_CMD": one line of the table.
row() {
  local k s ki si
  k=$(median "$2" "$3")
  s=$(median "$4" "$5")
  ki=$(instr "$2" "$3")
  si=$(instr "$4" "$5")
  awk -v n="$1" -v k="$k" -v s="$s" -v ki="$ki" -v si="$si" 'BEGIN {split(k, a, " "); split(s, b, " ");
    printf "| %-34s | %8.2f s | %8.2f s | %5.2f× | %6d M | %6d M | %5.2f× | %4d MB | %4d MB |\n", n,
           a[1]/1000, b[1]/1000, b[1] ? a[1]/b[1] : 0, ki, si, si ? ki/si : 0, a[2], b[2]}'
}

# The fixed-operator copy of a file, for the shell (writable_schema: the trigger text only);
# its audit rows name transaction 0 (the shell writes no header: kaoping's is one row).
shellify() {
  cp "$1" "$2"
  sqlite3 "$2" "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(replace(sql,
    'kp_operator()', '''bench'''), 'kp_tx()', '0') WHERE type = 'trigger';
    PRAGMA writable_schema = RESET;" >/dev/null
}

stage_sql() { # the progress CSV (all ten columns) as a table, then the audited upsert of it
  cat <<SQL
CREATE TEMP TABLE s(year, unit, item, quarter, actual, spent, score, note, deviation, action);
.import --csv --skip 1 $1 s
INSERT INTO progress(year, unit, item, quarter, actual, spent, score, note, deviation, action)
  SELECT year, unit, item, quarter, actual, nullif(spent, ''), nullif(score, ''), nullif(note, ''),
    nullif(deviation, ''), nullif(action, '')
  FROM s WHERE true
  ON CONFLICT DO UPDATE SET actual = excluded.actual, spent = excluded.spent, score = excluded.score,
    note = excluded.note, deviation = excluded.deviation, action = excluded.action
  WHERE (actual, spent, score, note, deviation, action) IS NOT (excluded.actual, excluded.spent,
    excluded.score, excluded.note, excluded.deviation, excluded.action);
SQL
}

# The audit's share of an import: the same shell upsert on a copy without the audit triggers.
unaudit() {
  cp "$1" "$2"
  sqlite3 "$2" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger'
    AND name GLOB 'audit_*_*' AND sql LIKE '%INSERT INTO audit_change(%'" | sqlite3 "$2"
}
# Bytes of audit (its tables and their indexes, dbstat) per audit row of a file.
audit_bytes() {
  sqlite3 "$1" "SELECT round(sum(pgsize) * 1.0 / (SELECT count(*) FROM audit_change), 1) FROM
    dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name IN ('audit_tx',
    'audit_change', 'audit_shape'))"
}

bench_size() {
  local n=$1 d=$dir/$1 db=$dir/$1/province.db
  mkdir -p "$d"
  if [ ! -f "$db" ]; then
    echo "generating $n units..." >&2
    "$build/gen_province" "$db" "$n"
  fi
  if [ "$imports" = 1 ] && [ ! -f "$d/base-sh.db" ]; then
    "$bin" --db "$db" export progress --year 2025 -o "$d/progress.csv" >/dev/null
    "$bin" --db "$db" export units -o "$d/units.csv" >/dev/null
    "$bin" --db "$db" export targets --year 2025 -o "$d/targets.csv" >/dev/null
    rm -f "$d/base.db"*
    "$bin" --db "$d/base.db" import units "$d/units.csv" >/dev/null
    "$bin" --db "$d/base.db" import targets "$d/targets.csv" >/dev/null
    shellify "$d/base.db" "$d/base-sh.db"
    unaudit "$d/base-sh.db" "$d/base-noaudit.db"
  fi
  local k="$bin --db $d/w.db" unit
  unit=$(sqlite3 "$db" "SELECT code FROM unit ORDER BY code LIMIT 1 OFFSET $((n / 2))")
  stage_sql "$d/progress.csv" >"$d/stage.sql"
  echo
  echo "### $n units ($(sqlite3 "$db" "SELECT count(*) FROM progress") progress rows, $(sqlite3 "$db" "SELECT count(*) FROM ledger") ledger records); load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| work | kaoping CPU | sqlite3 CPU | ratio | kaoping instr | sqlite3 instr | ratio | kaoping peak | sqlite3 peak |"
  echo "|---|---|---|---|---|---|---|---|---|"
  if [ "$imports" = 1 ]; then
    row "import progress (fresh file)" "cp $d/base.db $d/w.db; rm -f $d/w.db-wal" "$k import progress $d/progress.csv" \
        "cp $d/base-sh.db $d/w.db; rm -f $d/w.db-wal" "sqlite3 $d/w.db '.read $d/stage.sql'"
    row "  sqlite3 alone, without the audit triggers" ":" ":" \
        "cp $d/base-noaudit.db $d/w.db; rm -f $d/w.db-wal" "sqlite3 $d/w.db '.read $d/stage.sql'"
    "$bin" --db "$d/w.db" import progress "$d/progress.csv" >/dev/null 2>&1 || true
    echo "| audit bytes per row after the import (dbstat, table + indexes): $(audit_bytes "$d/w.db") | | | | | | | | |"
    cp "$d/w.db" "$d/again.db"; shellify "$d/w.db" "$d/again-sh.db"
    row "re-import progress (no change)" "cp $d/again.db $d/w.db; rm -f $d/w.db-wal" "$k import progress $d/progress.csv" \
        "cp $d/again-sh.db $d/w.db; rm -f $d/w.db-wal" "sqlite3 $d/w.db '.read $d/stage.sql'"
  fi
  row "rank (vs the window query)" ":" "$bin --db $db rank --year 2025 --format csv" \
      ":" "sqlite3 -csv $db '.read $root/bench/rank.sql'"
  # explain needs the unit's rank: its floor is the ranking query plus the unit's two queries
  row "explain one unit (vs ranking + 2 queries)" ":" "$bin --db $db explain --year 2025 $unit" \
      ":" "sqlite3 $db \".read $root/bench/rank.sql\" \"SELECT * FROM target t LEFT JOIN progress p USING(year,unit,item) WHERE year=2025 AND unit='$unit'\" \"SELECT * FROM ledger WHERE year=2025 AND unit='$unit'\""
  row "export progress" ":" "$bin --db $db export progress --year 2025 --force -o $d/out.csv" \
      ":" "sqlite3 -csv $db \"SELECT year,unit,item,quarter,actual,spent,score,note FROM progress WHERE year=2025\""
  row "export targets" ":" "$bin --db $db export targets --year 2025 --force -o $d/out.csv" \
      ":" "sqlite3 -csv $db \"SELECT year,unit,item,category,name,points,method,target_value,measure,budget,sched1,sched2,sched3,sched4 FROM target WHERE year=2025\""
  row "export ledger" ":" "$bin --db $db export ledger --year 2025 --force -o $d/out.csv" \
      ":" "sqlite3 -csv $db \"SELECT id,year,unit,date,type,points,aspect,method,reason,inspectors,evidence FROM ledger WHERE year=2025\""
  row "export appraisals" ":" "$bin --db $db export appraisals --year 2025 --force -o $d/out.csv" \
      ":" "sqlite3 -csv $db \"SELECT year,unit,score,satisfaction FROM appraisal WHERE year=2025\""
  row "monitor --quarter 2 (vs reading its rows)" ":" "$bin --db $db monitor --year 2025 --quarter 2 --format csv" \
      ":" "sqlite3 -csv $db \"SELECT * FROM target t LEFT JOIN progress p USING(year,unit,item) WHERE year=2025 AND quarter IN (1,2)\""
  rm -f "$d/w.db"* "$d/out.csv"
}

# peak CMD...: max RSS of one run of CMD, in MB ("fails" when it exits non-zero).
peak() {
  /usr/bin/time -f '%M' "$@" >/dev/null 2>"$dir/time.log" </dev/null || { echo fails; return; }
  echo $(($(tail -1 "$dir/time.log") / 1024))
}
# The commands of the memory table, as "label|command" lines (K: kaoping on the province; L:
# on its laptop copy; C: on a copy of the county file the pack is merged into).
memory_commands() {
  local q="--year 2025 --quarter 2" o="-o $1/out.csv --force"
  cat <<CMDS
rank|\$K rank --year 2025 --format csv
explain one unit|\$K explain --year 2025 $2
export units / categories / appraisals|\$K export units $o
export targets|\$K export targets --year 2025 $o
export progress|\$K export progress --year 2025 $o
export ledger|\$K export ledger --year 2025 $o
export scores|\$K export scores --year 2025 $o
export ranking|\$K export ranking --year 2025 $o
export monitor --quarter 2|\$K export monitor $q $o
export ledger -o .xlsx|\$K export ledger --year 2025 -o $1/out.xlsx --force
export progress -o .xlsx|\$K export progress --year 2025 -o $1/out.xlsx --force
monitor --quarter 2 --format csv|\$K monitor $q --format csv
monitor --quarter 2 (table)|\$K monitor $q
report results|\$K report results --year 2025 -o $1/out.xlsx --force
report monitor --quarter 2|\$K report monitor $q -o $1/out.xlsx --force
report rectify|\$K report rectify --year 2025 -o $1/out.xlsx --force
check|\$K check
audit --limit 0 (every row)|\$K audit --limit 0
audit --unit U --limit 0|\$K audit --unit $2 --limit 0
audit --verify|\$K audit --verify
field checkout|\$K field checkout $1/laptop.db --force
field pack (a few changes)|\$L field pack -o $1/p.kpz --force
field merge of that pack|\$C field merge $1/p.kpz
CMDS
}
# memory_size N: fills mem[N,label] for every command at N units.
declare -A mem
memory_size() {
  local n=$1 d=$dir/$1 db=$dir/$1/province.db unit line label cmd
  mkdir -p "$d"
  [ -f "$db" ] || { echo "generating $n units..." >&2; "$build/gen_province" "$db" "$n"; }
  unit=$(sqlite3 "$db" "SELECT code FROM unit ORDER BY code LIMIT 1 OFFSET $((n / 2))")
  K="$bin --db $db" L="$bin --db $d/laptop.db" C="$bin --db $d/county.db"
  while IFS='|' read -r label cmd; do
    case $label in
    field\ pack*) # two ledger records entered on the laptop since checkout
      printf '编号,年度,单位编码,日期,类型,分值,方面,方式,事由\n,2025,%s,2025-06-01,查访核验,1,作风建设,暗访,bench\n,2025,%s,2025-06-02,查访核验,0.5,作风建设,暗访,bench\n' \
        "$unit" "$unit" >"$d/extra.csv"
      $L import ledger "$d/extra.csv" >/dev/null 2>&1 || echo "laptop import failed" >&2 ;;
    field\ merge*) cp "$db" "$d/county.db"; rm -f "$d/county.db-wal" ;;
    esac
    mem[$n,$label]=$(eval "peak $cmd")
    echo "  $n $label: ${mem[$n,$label]} MB" >&2
  done < <(memory_commands "$d" "$unit")
  rm -f "$d/out.csv" "$d/out.xlsx" "$d/p.kpz" "$d/laptop.db"* "$d/county.db"* "$d/extra.csv"
}
memory_table() {
  local n label head="| command |" rule="|---|" line
  for n in "$@"; do head+=" $n units |"; rule+="---|"; done
  echo "$head"; echo "$rule"
  while IFS='|' read -r label _; do
    line="| $label |"
    for n in "$@"; do
      v=${mem[$n,$label]}
      case $v in *[!0-9]*) line+=" $v |" ;; *) line+=" $v MB |" ;; esac
    done
    echo "$line"
  done < <(memory_commands x x)
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$runs, medians"
if [ "${BENCH_MEMORY:-0}" = 1 ]; then
  for n in "${@:-2000}"; do memory_size "$n"; done
  memory_table "${@:-2000}"
  exit 0
fi
for n in "${@:-2000}"; do bench_size "$n"; done
