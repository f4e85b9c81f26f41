# Year lock (审定) through the CLI: lock, refused relock, unlock needs a reason, and both
# events land in the audit log with their operators.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/lock.db"
expect_ok "$KAOPING_BIN" --db "$db" demo
expect_ok "$KAOPING_BIN" --db "$db" --operator 张三 lock --year 2025
expect_status 3 "$KAOPING_BIN" --db "$db" lock --year 2025
expect_stderr_has "已经审定锁定"
expect_status 2 "$KAOPING_BIN" --db "$db" unlock --year 2025
expect_stderr_has "解锁需要 --reason"
expect_status 2 "$KAOPING_BIN" --db "$db" lock --year 1999
expect_status 3 "$KAOPING_BIN" --db "$db" lock --year 2031
expect_stderr_has "2031 年度不存在"
expect_ok "$KAOPING_BIN" --db "$db" --operator 李四 unlock --year 2025 --reason 复核更正
expect_ok "$KAOPING_BIN" --db "$db" audit --table year --limit 2
expect_stdout_has $'李四\tupdate\tyear\t2025'
expect_stdout_has '"lock_note":"复核更正"'
expect_stdout_has $'张三\tupdate\tyear\t2025'
finish
