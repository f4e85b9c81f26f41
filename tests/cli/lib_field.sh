# Helpers for the field-work tests (tests/cli/field_*.sh): a county file from the demo and
# laptops checked out of it. Sourced after lib.sh.
K() { "$KAOPING_BIN" "$@"; }
# q DB SQL: one query through the sqlite3 shell (reading only).
q() { sqlite3 "$1" "$2"; }
# domain_dump DB: the county's data without the logs (audit rows and conflict records carry
# random ids and times, so they differ between merge orders by design), sorted: rows stored
# in another order (rowid) are the same data.
domain_dump() {
  sqlite3 "$1" ".dump" | grep -v -e '^INSERT INTO audit[ _]' -e '^INSERT INTO field_conflict ' |
    LC_ALL=C sort
}
# full_dump DB: everything, logs included.
full_dump() { sqlite3 "$1" ".dump"; }
# delete_ledger DB ID: the CLI has no ledger delete (the workstation's 台账 screen has), and
# the sqlite3 shell lacks kp_operator(): the audit trigger is set aside for this one delete.
delete_ledger() {
  local trig
  trig=$(sqlite3 "$1" "SELECT sql FROM sqlite_schema WHERE name = 'audit_ledger_delete'")
  sqlite3 "$1" "BEGIN; DROP TRIGGER audit_ledger_delete; DELETE FROM ledger WHERE id = '$2';
                $trig; COMMIT;"
}
