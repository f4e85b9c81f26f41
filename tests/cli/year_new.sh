# kaoping year new (issue 15 item 4), kaoping unit retire/add, a blank unlock reason refused
# and the audit log in local time (item 6).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

demo="$work/demo.db"
expect_ok "$KAOPING_BIN" --db "$demo" demo
n_units=$(sqlite3 "$demo" "SELECT count(*) FROM unit_year WHERE year = 2026")

# ---- without targets: scheme, categories, units; nothing else --------------------------
db="$work/plain.db"; cp "$demo" "$db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok kp year new 2027 --from 2026
expect_stdout_has "已新建 2027 年度 (沿用 2026 年度的考核方案、指标类别和分组): $n_units 个单位"
expect_stdout_lacks "任务书"
[ "$(sqlite3 "$db" "SELECT count(*) FROM target WHERE year = 2027")" = 0 ] || fail "targets copied"
[ "$(sqlite3 "$db" "SELECT count(*) FROM category WHERE year = 2027")" = \
  "$(sqlite3 "$db" "SELECT count(*) FROM category WHERE year = 2026")" ] || fail "categories"
expect_status 3 kp year new 2027 --from 2026
expect_stderr_has "2027 年度已存在"
expect_status 3 kp year new 2028 --from 2024
expect_stderr_has "2024 年度不存在"
expect_status 2 kp year new 2028
expect_stderr_has "--from"
expect_status 2 kp year old 2028 --from 2027
[ "$(sqlite3 "$db" "SELECT count(*) FROM year WHERE year = 2028")" = 0 ] || fail "2028 made"
# An open rectification of 2026 left behind once 2027 exists is a note of check.
expect_ok kp rectify add --year 2026 --unit D02 --deadline 2026-12-31 --text 补报 --today 2026-12-01
expect_ok kp check
expect_stdout_has "提示 2026 年度有 1 条未完成的整改, 2027 年度已建立但没有结转它们"

# ---- with targets and carried rectifications, S04 retired from 2027, 2026 locked ---------
db="$work/full.db"; cp "$demo" "$db"
expect_ok kp rectify add --year 2026 --unit D02 --deadline 2026-12-31 --text 加快项目进度 \
  --from-item A11 --quarter 3 --today 2026-10-08
d02=$(cat "$last_out" | grep -o '[0-9a-f]\{32\}' | head -1)
expect_ok kp rectify add --year 2026 --unit S04 --deadline 2026-12-15 --text 补报数据 \
  --today 2026-10-09
expect_ok kp rectify add --year 2026 --unit T01 --deadline 2026-11-30 --text 已整改 \
  --today 2026-10-09
t01=$(cat "$last_out" | grep -o '[0-9a-f]\{32\}' | head -1)
expect_ok kp rectify done "$t01" --note 完成 --today 2026-11-20
expect_ok kp unit retire S04 --from 2027
expect_stdout_has "单位 S04 自 2027 年度起退出"
expect_ok kp lock --year 2026
want_targets=$(sqlite3 "$db" "SELECT count(*) FROM target WHERE year = 2026 AND unit <> 'S04'")
expect_ok kp year new 2027 --from 2026 --with-targets --carry-rectifications --today 2027-01-05
expect_stdout_has "$((n_units - 1)) 个单位"
expect_stdout_has "任务书: 复制 $want_targets 条指标 (进度为空, 未批复)"
expect_stdout_has "整改: 结转 1 条未完成的整改 (标为结转, 链接原记录); 1 条属于不在新年度的单位, 未结转"
[ "$(sqlite3 "$db" "SELECT count(*) FROM progress WHERE year = 2027")" = 0 ] || fail "progress copied"
[ "$(sqlite3 "$db" "SELECT count(*) FROM unit_year WHERE year = 2027 AND code = 'S04'")" = 0 ] ||
  fail "retired S04 in 2027"
[ "$(sqlite3 "$db" "SELECT unit || ' ' || status || ' ' || created_at || ' ' || carried_from
  FROM rectification WHERE year = 2027")" = "D02 open 2027-01-05 $d02" ] || fail "carried record"
expect_ok kp rectify list --year 2027
expect_stdout_has "结转 ${d02:0:8}"
# S04 comes back for 2027 with its newest entry.
expect_ok kp unit add S04 --year 2027
expect_ok kp unit list --year 2027
expect_stdout_has "$(printf 'S04\t中国邮政奇台县分公司\t驻县单位')"
expect_ok kp check
# S04's open one was not carried (S04 was not in 2027 then): check names it.
expect_stdout_has "提示 2026 年度有 1 条未完成的整改, 2027 年度已建立但没有结转它们"

# ---- unlock needs a reason that says something ------------------------------------------
audits=$(sqlite3 "$db" "SELECT count(*) FROM audit")
expect_status 2 kp unlock --year 2026 --reason "   "
expect_stderr_has "解锁需要 --reason 说明理由"
expect_status 2 kp unlock --year 2026 --reason "　　"
[ "$(sqlite3 "$db" "SELECT locked FROM year WHERE year = 2026")" = 1 ] || fail "unlocked anyway"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" = "$audits" ] || fail "a refused unlock wrote"
expect_ok kp unlock --year 2026 --reason 更正评议得分

# ---- the audit log in local time: Shanghai is UTC+8 all year (no summer time) -------------
at=$(sqlite3 "$db" "SELECT strftime('%Y-%m-%d %H:%M:%S', at, '+8 hours') FROM audit
  ORDER BY at DESC, rowid DESC LIMIT 1")
TZ=Asia/Shanghai expect_ok kp audit --limit 1
[ "$(cut -f1 "$last_out")" = "$at +08:00" ] || fail "audit time not Shanghai time: want $at +08:00"
utc=$(sqlite3 "$db" "SELECT strftime('%Y-%m-%d %H:%M:%S', at) FROM audit ORDER BY at DESC,
  rowid DESC LIMIT 1")
TZ=UTC expect_ok kp audit --limit 1
[ "$(cut -f1 "$last_out")" = "$utc +00:00" ] || fail "audit time in UTC: want $utc +00:00"
finish
