# Unsaved work is thrown away only on y: Esc (or F10) asks naming the screen, and Enter answers
# No, so the typed score stays and F2 still saves it.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
scored() { sql "$db" "SELECT count(*) FROM appraisal WHERE year=2026 AND score=88.5"; }

start --db "$db"
wait_for "菜单"
keys 5; wait_for "已录入 0/46"
type_text 88.5; wait_for "已录入 1/46"
keys Escape; wait_for "未保存"; keys Enter
wait_for "88.5"; wait_for "公众评议: 已录入 1/46"
keys F2; wait_for "已保存 (1 行)"
expect_eq "$(scored)" "1" "the score kept through Esc, Enter was saved"
# The question names what would be lost.
keys Down; type_text 70; keys Escape; wait_for "放弃「公众评议」中未保存的修改? (y/N)"
keys Enter; wait_gone "(y/N)"
# Quitting with unsaved work asks the same way; Enter keeps the session.
keys F10; wait_for "放弃「公众评议」中未保存的修改并退出? (y/N)"; keys Enter; wait_gone "(y/N)"
screen | grep -q "EXIT=" && fail "Enter quit with unsaved changes"
keys F10; wait_for "(y/N)"; keys y; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM appraisal WHERE year=2026")" "1" "only the saved row"
finish
