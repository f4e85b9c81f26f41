# The demo county's hand-built 2025 cases, as an operator sees them through rank and explain:
# D02 (the worked example, 89.31 良好), D22 (inspections over the cap), T07 (vetoed, last of
# its pool), D20/D21 (equal totals share a rank), T09 (fails on its own merits).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/demo.db"
expect_ok "$KAOPING_BIN" --db "$db" demo

expect_ok "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv --pool 县直部门
expect_stdout_has '"D02","县教育局","县直部门","80.00","84.00","82.67","86.40","8.64","1.50","0.50","0.00","89.31","良好","",""'
grep -q '"D22",.*,"2.00","0.00","0.00","[0-9.]*","[^"]*","",""' "$last_out" || fail "D22 inspection not capped at 2.00"
d20=$(grep '"D20"' "$last_out" | cut -d, -f1,13)
d21=$(grep '"D21"' "$last_out" | cut -d, -f1,13)
[ -n "$d20" ] && [ "$d20" = "$d21" ] || fail "D20 and D21 should share rank and total: $d20 / $d21"

expect_ok "$KAOPING_BIN" --db "$db" rank --year 2025 --format json --pool 乡镇
python3 - "$last_out" <<'PY' || fail "T07 should be vetoed and last, T09 不合格 without veto"
import json, sys
rows = json.load(open(sys.argv[1]))
last = rows[-1]
assert last["code"] == "T07" and last["veto"] is True and last["grade"] == "不合格", last
assert last["rank"] == len(rows)
t09 = next(r for r in rows if r["code"] == "T09")
assert t09["grade"] == "不合格" and t09["veto"] is False and t09["total"] < 70
PY

expect_ok "$KAOPING_BIN" --db "$db" explain --year 2025 D02
expect_stdout_has '集中考核 80.00×30/90 + 84.00×60/90 = 82.67; 公众评议 86.4×10% = 8.64; 查访核验 −1.50; 投诉查处 −0.50; 总分 89.31 → 良好'
expect_ok "$KAOPING_BIN" --db "$db" explain --year 2025 D22
expect_stdout_has '超出上限不计 0.50'
expect_ok "$KAOPING_BIN" --db "$db" explain --year 2025 D20
expect_stdout_has '与 D21 县审计局 并列'

# Beijing's categories differ from the demo's targets: refused, with the way out named; with
# --keep-categories only the numbers change. D02 then: C = 84.00×100/90 = 93.33, no
# appraisal share, 93.333 − 1.5 − 0.5 = 91.33 → 优秀.
expect_status 3 "$KAOPING_BIN" --db "$db" scheme use beijing --year 2025
expect_stderr_has '--keep-categories'
expect_ok "$KAOPING_BIN" --db "$db" scheme show --year 2025
expect_stdout_has '2025 年度考核方案: qitai'
expect_ok "$KAOPING_BIN" --db "$db" scheme use beijing --year 2025 --keep-categories
expect_ok "$KAOPING_BIN" --db "$db" scheme show --year 2025
expect_stdout_has '权重: 半年初评 0 + 年终总评 100 + 公众评议 0'
expect_stdout_has '县直部门: 全局性重点工作 30, 目标任务 30, 作风效能建设 20, 专项考核 10  (合计 90, 与半年初评 + 年终总评 = 100 不一致)'
expect_ok "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv --pool 县直部门
expect_stdout_has '"D02","县教育局","县直部门","80.00","84.00","93.33","86.40","0.00","1.50","0.50","0.00","91.33","优秀","",""'
expect_ok "$KAOPING_BIN" --db "$db" explain --year 2025 D02
expect_stdout_has '集中考核 80.00×0/90 + 84.00×100/90 = 93.33; 公众评议 86.4×0% = 0.00; 加分 +0.00; 查访核验 −1.50; 投诉查处 −0.50; 总分 91.33 → 优秀'
expect_status 2 "$KAOPING_BIN" --db "$db" scheme show --keep-categories
expect_ok "$KAOPING_BIN" --db "$db" scheme use qitai --year 2025
expect_ok "$KAOPING_BIN" --db "$db" rank --year 2025 --format csv --pool 县直部门
expect_stdout_has '"D02","县教育局","县直部门","80.00","84.00","82.67","86.40","8.64","1.50","0.50","0.00","89.31","良好","",""'

# 2026 is in progress: no Q4 and no appraisal yet, so every unit is flagged.
expect_ok "$KAOPING_BIN" --db "$db" rank
expect_stdout_has '2026 年度排名'
expect_stdout_has '数据不全'
finish
