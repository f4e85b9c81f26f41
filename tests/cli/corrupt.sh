# Corruption stops writes (issue 12, docs/store.md): on a copy with one damaged page that the
# write itself would not touch, import, demo --force and field merge refuse before writing, point to check
# and backup, and leave the file byte for byte as it was; check reports the damage. A streamed
# import (progress) checks the file only once a row is about to be written: a changed row is
# refused the same way, an unchanged re-import writes nothing and does not read the whole file.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K=$KAOPING_BIN

good="$work/good.db"
expect_ok "$K" --db "$good" demo
printf '单位编码,单位名称,分组\nT01,城关镇(改),乡镇\n' >"$work/units.csv"
# A laptop checked out before the damage brings a pack of the same county (field merge is a
# bulk write too).
expect_ok "$K" --db "$good" field checkout "$work/l.db"
expect_ok "$K" --db "$good" export progress --year 2026 -o "$work/p.csv"
sed '2s/^"2026","D01","A11","1","1.8"/"2026","D01","A11","1","1.9"/' "$work/p.csv" >"$work/p1.csv"
cmp -s "$work/p.csv" "$work/p1.csv" && fail "the progress edit did not apply"
printf '年度,单位编码,日期,类型,分值,事由\n2026,D01,2026-09-01,查访核验,0.5,台账缺失\n' >"$work/l.csv"
expect_ok "$K" --db "$work/l.db" import ledger "$work/l.csv"
expect_ok "$K" --db "$work/l.db" field pack -o "$work/p.kpz"

# damage DB: zeroes the header of a leaf page of the audit log in the middle of the file (an
# import appends at the end, so without a check it would write on undisturbed).
damage() {
  sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  local page size
  page=$(sqlite3 "$1" "SELECT pageno FROM dbstat WHERE name = 'audit_change' AND pagetype = 'leaf'
    ORDER BY pageno LIMIT 1 OFFSET 5")
  size=$(sqlite3 "$1" 'PRAGMA page_size')
  [ -n "$page" ] || { fail "no audit leaf page to damage"; return; }
  printf '\x00\x00\x00\x00\x00\x00\x00\x00' |
    dd of="$1" bs=1 seek=$(((page - 1) * size)) conv=notrunc status=none
}

bad="$work/bad.db"
cp "$good" "$bad"
damage "$bad"
cp "$bad" "$work/bad.orig"
units_before=$(sqlite3 "$bad" "SELECT name FROM unit WHERE code = 'T01'")

expect_status 1 "$K" --db "$bad" import units "$work/units.csv"
expect_stderr_has "已损坏"
expect_stderr_has "kaoping check"
expect_stderr_has "kaoping backup"
[ "$(wc -l <"$last_err")" -eq 1 ] || fail "corrupt refusal is not one line"
expect_same "$work/bad.orig" "$bad"
[ ! -s "$bad-wal" ] || fail "import wrote WAL frames into a corrupt file"
[ "$(sqlite3 "$bad" "SELECT name FROM unit WHERE code = 'T01'")" = "$units_before" ] ||
  fail "import changed a unit in a corrupt file"

# progress (streamed): one changed row is refused before it is written ...
expect_status 1 "$K" --db "$bad" import progress "$work/p1.csv"
expect_stderr_has "已损坏"
expect_stderr_has "kaoping backup"
[ "$(wc -l <"$last_err")" -eq 1 ] || fail "corrupt refusal of progress is not one line"
expect_same "$work/bad.orig" "$bad"
[ ! -s "$bad-wal" ] || fail "import progress wrote WAL frames into a corrupt file"
# ... the unchanged file writes nothing, so the whole-file check is not run (the damage is in
# the audit log, which it does not read); the file stays as it was.
expect_ok "$K" --db "$bad" import progress "$work/p.csv"
expect_stdout_has "新增 0, 更新 0, 未变 1223"
expect_same "$work/bad.orig" "$bad"
[ ! -s "$bad-wal" ] || fail "an unchanged import wrote WAL frames"

expect_status 1 "$K" --db "$bad" demo --force
expect_stderr_has "已损坏"
expect_same "$work/bad.orig" "$bad"

expect_status 1 "$K" --db "$bad" field merge "$work/p.kpz"
expect_stderr_has "已损坏"
expect_same "$work/bad.orig" "$bad"

expect_status 1 "$K" --db "$bad" check
expect_stdout_lacks "数据一致"

# The same import on the sound file goes through (the check is not what refused).
expect_ok "$K" --db "$good" import units "$work/units.csv"
[ "$(sqlite3 "$good" "SELECT name FROM unit WHERE code = 'T01'")" = "城关镇(改)" ] ||
  fail "import on the sound file did not write"
expect_ok "$K" --db "$good" import progress "$work/p1.csv"
expect_stdout_has "新增 0, 更新 1, 未变 1222"
finish
