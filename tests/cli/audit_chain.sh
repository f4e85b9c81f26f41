# Tamper evidence through the CLI (docs/store.md): after the sqlite3 shell drops the guard and
# deletes an audit row, `check` and `audit --verify` fail and name the first bad row; a row
# the shell adds is unsealed; a clean file verifies and prints the chain head.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
K=$KAOPING_BIN

db="$work/chain.db"
expect_ok "$K" --db "$db" demo
expect_ok "$K" --db "$db" lock --year 2025
expect_ok "$K" --db "$db" audit --verify
expect_stdout_has "审计日志校验通过"
rows=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
expect_stdout_has "$rows 条记录"
head=$(sed -n 's/.*链头 \([0-9a-f]*\)$/\1/p' "$last_out")
[ ${#head} -eq 32 ] || fail "chain head is not 32 hex digits: $head"
expect_status 2 "$K" --db "$db" audit --verify --unit T01
expect_stderr_has "不能与筛选条件同用"

# The defect of issue 12: this used to leave check saying 数据一致. The demo is one write
# transaction (one header, docs/store.md): a row deleted from it breaks it, and the break is
# named by the transaction's first row.
cp "$db" "$work/deleted.db"
key=$(sqlite3 "$work/deleted.db" 'SELECT row_key FROM audit ORDER BY rowid LIMIT 1')
sqlite3 "$work/deleted.db" 'DROP TRIGGER audit_no_delete;
  DELETE FROM audit_change WHERE id = (SELECT id FROM audit_change ORDER BY id LIMIT 1 OFFSET 99)'
expect_status 1 "$K" --db "$work/deleted.db" check
expect_stdout_has "错误 触发器 audit_no_delete 缺失"
expect_stdout_has "错误 审计日志第 1 条 ("
expect_stdout_has "主键 $key) 断链"
expect_stdout_lacks "数据一致"
expect_status 1 "$K" --db "$work/deleted.db" audit --verify
expect_stdout_has "审计日志校验失败: $((rows - 1)) 条记录, 1 条断链, 0 条未封存, 1 个触发器有问题"

# A row written by the shell is not sealed by kaoping's next write.
cp "$db" "$work/added.db"
sqlite3 "$work/added.db" "INSERT INTO audit(id, at, operator, tbl, row_key, action)
  VALUES ('x', '2026-01-01T00:00:00.000Z', '局长', 'unit', 'T01', 'delete')"
expect_ok "$K" --db "$work/added.db" unlock --year 2025 --reason 复核
expect_status 1 "$K" --db "$work/added.db" check
expect_stdout_has "审计日志第 $((rows + 1)) 条 (2026-01-01T00:00:00.000Z, 表 unit, 主键 T01) 未封存"

# Verifying changes nothing: the untouched file gives the same head again (an office that
# wrote it down can compare it later; a rewritten chain gives another head).
expect_ok "$K" --db "$db" audit --verify
expect_stdout_has "链头 $head"
finish
