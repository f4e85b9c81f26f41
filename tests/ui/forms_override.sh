# The binary carries its forms: a copy alone in an empty folder opens 单位管理's form. A folder
# given by --forms or $KAOPING_FORMS replaces them (a changed label shows); a bad one stops the
# start naming the folder; --forms without a value is a usage error.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
mkdir "$work/alone" "$work/forms"
cp "$KAOPING_BIN" "$work/alone/kaoping"
cp "$KAOPING_SRC"/assets/forms/*.form "$work/forms/"
sed -i 's/label=单位编码 /label=统一编码 /' "$work/forms/unit.form"
grep -q 统一编码 "$work/forms/unit.form" || fail "the test's edit of unit.form did not apply"

# open_unit_form LABEL: from the home screen to 单位管理's new-unit form, which shows LABEL.
open_unit_form() {
  wait_for "菜单"; keys 1; wait_for "共 46 个单位"
  keys a; wait_for "*$1"
  keys Escape; wait_for "共 46 个单位"; keys F10; wait_for "EXIT=0"
  $T kill-session -t kp
}
# A second session keeps the tmux server up between the runs (a server shutting down after
# its last session races the next start).
$T new-session -d -s hold "sleep 300"

KAOPING_BIN="$work/alone/kaoping"
start --db "$db"
open_unit_form 单位编码
start --db "$db" --forms "$work/forms"
open_unit_form 统一编码
KAOPING_BIN="env KAOPING_FORMS=$work/forms $work/alone/kaoping"
start --db "$db"
open_unit_form 统一编码

rm "$work/forms/veto.form"
"$work/alone/kaoping" --db "$db" --forms "$work/forms" </dev/null >/dev/null 2>"$work/err"; rc=$?
expect_eq "$rc" "1" "exit code with a form missing from the --forms folder"
grep -qF "表单目录 $work/forms 缺少 veto.form" "$work/err" || fail "message: $(cat "$work/err")"
"$work/alone/kaoping" --db "$db" --forms </dev/null >/dev/null 2>"$work/err"; rc=$?
expect_eq "$rc" "2" "exit code of --forms without a folder"
grep -qF -- "--forms 需要一个值" "$work/err" || fail "message: $(cat "$work/err")"
finish
