# 排名结果 `f` publishes the stage it shows, as `kaoping publish` does: the 半年初评 (after h) of
# the demo's 2026 is frozen from the keyboard (there was no key: only the command line could);
# Enter answers no (未发布); a second f is refused naming who published; a locked year refuses before
# asking. The snapshot equals `kaoping rank --stage half` (阶段得分 of all 46 units).
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
"$KAOPING_BIN" --db "$db" lock --year 2025 >/dev/null || fail "lock 2025"
pubs() { sql "$db" "SELECT count(*) FROM publication WHERE year = 2026 AND stage = 'half'"; }
start --db "$db"
wait_for "菜单"
keys r; wait_for "排名结果"; keys h; wait_for "2026 年度 半年初评"; wait_for "; f 发布 (快照)"
keys f; wait_for "发布 2026 年度半年初评的结果? 发布后保存为不能更改的快照 (y/N)"; keys Enter
wait_gone "(y/N)"; wait_for "未发布"
expect_eq "$(pubs)" 0 "half-year snapshots after Enter"
keys f; wait_for "(y/N)"; keys y
wait_for "2026 年度半年初评已发布: 46 个单位"
expect_eq "$(pubs)" 1 "half-year snapshots after y"
keys f; wait_for "2026 年度半年初评已于"; wait_for "由 tester 发布, 每个阶段只发布一次"
keys Escape; wait_for "菜单"; keys '['; wait_for "2025 年度"
keys r; wait_for "2025 年度"; keys f; wait_for "2025 年度已审定, 不能修改"
keys Q; wait_for "EXIT=0"
expect_eq "$(pubs)" 1 "half-year snapshots at the end"
expect_eq "$(sql "$db" "SELECT count(*) FROM publication WHERE year = 2025")" 1 "2025's snapshots (the lock's)"
# the frozen totals are those of the half-year ranking (hundredths)
"$KAOPING_BIN" --db "$db" rank --year 2026 --stage half --format csv | tr -d '\r' | tail -n +2 |
  awk -F'","' '{ printf "%s %d\n", $2, $10 * 100 + 0.5 }' | sort >"$work/rank.txt"
sql "$db" "SELECT r.unit || ' ' || r.total FROM publication_row r JOIN publication p ON p.id = r.publication WHERE p.year = 2026 AND p.stage = 'half' ORDER BY r.unit" | sort >"$work/snap.txt"
cmp -s "$work/rank.txt" "$work/snap.txt" || { diff "$work/rank.txt" "$work/snap.txt" | head >&2; fail "snapshot totals differ from rank --stage half"; }
finish
