# The workstation on a --db file that does not exist asks before creating it; Enter (or n)
# answers no: nothing is created and it exits 1. y creates it and opens the workstation.
. "$(dirname "$0")/lib.sh"
db="$work/typo/new.db"
# again ARGS...: runs kaoping again in the same pane (the session keeps its environment).
again() { $T respawn-pane -k -t kp "$KAOPING_BIN $*; echo EXIT=\$?; sleep 30"; }

start --db "$db"
wait_for "在 $db 新建数据库? (y/N)"
keys Enter; wait_for "未新建数据库"; wait_for "EXIT=1"
[ ! -e "$work/typo" ] || fail "a refused database was created"

again --db "$db"
wait_for "新建数据库? (y/N)"; keys y Enter
wait_for "数据库里还没有年度"
keys Q; wait_for "EXIT=0"
[ -s "$db" ] || fail "y did not create the database"
# An existing file opens without a question.
again --db "$db"
wait_for "数据库里还没有年度"
screen | grep -q "新建数据库" && fail "asked again for an existing database"
keys Q; wait_for "EXIT=0"
finish
