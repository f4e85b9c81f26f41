# Disk-full campaign for the database itself (docs/store.md, "A full disk"): the database sits
# on a small tmpfs filled so that a write runs out of space part-way. Each write must fail with
# a message that names the full disk and says nothing was written; with the space freed the
# file must pass `check` and `audit --verify`, hold exactly what it held before (.dump and the
# export of every kind, byte for byte), keep no temp file, and take the same command again.
# Mounting needs root; elsewhere (or with DISK_FULL_MODE=ulimit) the same runs under
# `ulimit -f` (SIGXFSZ ignored, so writes past the limit fail with EFBIG), which limits each
# file rather than the disk.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
. "$KAOPING_SRC/tests/cli/lib_writes.sh"
K=$KAOPING_BIN
disk="$work/disk"
mkdir "$disk"
mode=ulimit
if [ "${DISK_FULL_MODE:-tmpfs}" = tmpfs ] &&
  mount -t tmpfs -o size=6m,mode=0700 tmpfs "$disk" 2>/dev/null; then
  mode=tmpfs
  trap 'umount -l "$disk" 2>/dev/null; rm -rf "$work"' EXIT
else
  echo "disk_full: no tmpfs can be mounted here (needs root): a file size limit instead"
fi
years="2025 2026 2027"
kinds="units targets progress ledger appraisals categories scores ranking"

# dump DB: a digest of every row; exports DB: of every kind's export of every year.
dump() { sqlite3 "$1" .dump | md5sum | cut -c1-32; }
exports() {
  for y in $years; do
    for kind in $kinds; do "$K" --db "$1" export "$kind" --year "$y" 2>&1; done
  done | md5sum | cut -c1-32
}
# limited FREE CMD...: runs CMD with FREE bytes left to write: the rest of the tmpfs filled
# (it counts whole pages), or a file size limit of FREE (then at least 16 KiB: stdout and
# stderr go to files too).
limited() {
  local free=$1; shift
  if [ "$mode" = ulimit ]; then
    (trap '' XFSZ; ulimit -f $((free / 1024 < 16 ? 16 : free / 1024)); exec "$@")
    return
  fi
  local avail
  avail=$(df -B1 --output=avail "$disk" | tail -1)
  [ "$avail" -le "$free" ] || head -c $((avail - free)) /dev/zero >"$disk/filler" 2>/dev/null
  "$@"
  local rc=$?
  rm -f "$disk/filler"
  return $rc
}

# The base, a big progress file, a laptop's pack, renamed units (lib_writes.sh).
base="$work/base.db"
make_write_base
before=$(dump "$base") before_exports=$(exports "$base")

# try NAME FREE CMD...: runs CMD on a copy of the base on a disk with FREE bytes left.
# Returns 0 when CMD failed for want of space (and checks all of the above), 1 otherwise.
try() {
  local name=$1 free=$2; shift 2
  rm -rf "${disk:?}"/* && cp "$base" "$disk/x.db"
  limited "$free" "$K" --db "$disk/x.db" "$@" >"$last_out" 2>"$last_err" </dev/null
  local rc=$?
  if [ "$rc" -eq 0 ]; then
    "$K" --db "$disk/x.db" check >"$work/check.out" 2>&1 || fail "$name ($free free): check after success"
    return 1
  fi
  # SQLite reports a write past the size limit as an I/O error whose errno it may have lost by
  # then: under ulimit -f only the data is checked, not the wording.
  if [ "$mode" = tmpfs ]; then
    grep -qF '磁盘已满' "$last_err" || fail "$name ($free free): exit $rc without naming the full disk"
    grep -qE '未写入|未改动' "$last_err" || fail "$name ($free free): does not say nothing was written"
  fi
  "$K" --db "$disk/x.db" check >"$work/check.out" 2>&1 ||
    fail "$name ($free free): check: $(grep 错误 "$work/check.out" | head -3)"
  "$K" --db "$disk/x.db" audit --verify >"$work/verify.out" 2>&1 ||
    fail "$name ($free free): audit --verify: $(head -3 "$work/verify.out")"
  [ "$(dump "$disk/x.db")" = "$before" ] || fail "$name ($free free): the data changed"
  # The exports (a reader's view of the same rows) at the first failure of each command
  # (campaign's hit) that writes the database (not with compare_exports=no): they take longest.
  [ "$hit" -gt 0 ] || [ "${compare_exports:-yes}" = no ] ||
    [ "$(exports "$disk/x.db")" = "$before_exports" ] ||
    fail "$name ($free free): an export changed"
  local extra
  extra=$(ls -A "$disk" | grep -vxE 'x\.db(-wal|-shm)?')
  [ -z "$extra" ] || fail "$name ($free free): leftovers: $(echo $extra)"
  cp "$last_err" "$work/full.err"
  expect_ok "$K" --db "$disk/x.db" "$@"
  return 0
}

# campaign NAME CMD...: CMD at each level of free space (bytes, DISK_FULL_LEVELS for a long
# sweep, e.g. "$(seq 0 16384 1048576)"); it must run out of space at least once.
levels=${DISK_FULL_LEVELS:-0 65536 262144}
campaign() {
  local name=$1; shift
  local free hit=0 runs=0 most=0
  for free in $levels; do
    runs=$((runs + 1))
    if try "$name" "$free" "$@"; then hit=$((hit + 1)) most=$free; fi
  done
  [ "$hit" -gt 0 ] || fail "$name never ran out of space: the campaign proves nothing"
  echo "$name: out of space in $hit of $runs runs (up to $((most / 1024)) KiB free);" \
    "e.g. $(head -1 "$work/full.err")"
}

campaign "import progress" import progress "$work/big.csv"
campaign "import units" import units "$work/units2.csv"
campaign "field merge" field merge "$work/lap.kpz"
campaign "year new" year new 2028 --from 2027 --with-targets --carry-rectifications
campaign publish publish --year 2026 --stage half
campaign "demo --force" demo --force
# These two only read the database (.dump still compared) and write a copy on the full disk.
compare_exports=no campaign backup backup "$disk/copy.db"
compare_exports=no campaign "field checkout" field checkout "$disk/l2.db"
finish
