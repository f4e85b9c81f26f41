# Without a UTF-8 locale the TUI prints one line and exits 2 before touching the screen; an
# invalid form file stops the start with a message naming the file and the line.
. "$(dirname "$0")/lib.sh"
db="$work/t.db"

out=$(LC_ALL=C LANG=C "$KAOPING_BIN" --db "$db" </dev/null 2>"$work/err"); rc=$?
expect_eq "$rc" "2" "exit code with LC_ALL=C"
expect_eq "$out" "" "stdout with LC_ALL=C (no terminal control codes)"
expect_eq "$(wc -l <"$work/err" | tr -d ' ')" "1" "one line on stderr"
grep -qF "UTF-8" "$work/err" || fail "stderr does not mention UTF-8: $(cat "$work/err")"
[ ! -e "$db" ] || fail "the database was created although the locale was refused"

mkdir "$work/forms"
cp "$KAOPING_SRC"/assets/forms/*.form "$work/forms/"
printf 'title 单位\nfield code label=代码 type=text width=10 required\nfield name label=名称 type=texte\n' \
  >"$work/forms/unit.form"
KAOPING_FORMS="$work/forms" "$KAOPING_BIN" --db "$db" </dev/null >/dev/null 2>"$work/err"; rc=$?
expect_eq "$rc" "1" "exit code with a bad form file"
grep -qF "unit.form 第 3 行" "$work/err" || fail "message lacks file and line: $(cat "$work/err")"

printf 'title 单位\nfield code label=代码 type=text width=10 required\nfield pool label=分组 type=choice source=pools\n' \
  >"$work/forms/unit.form"
KAOPING_FORMS="$work/forms" "$KAOPING_BIN" --db "$db" </dev/null >/dev/null 2>"$work/err"; rc=$?
expect_eq "$rc" "1" "exit code with a missing field"
grep -qF "缺少字段 name" "$work/err" || fail "message lacks the missing field: $(cat "$work/err")"
finish
