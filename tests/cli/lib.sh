# Helpers for CLI tests: run the real binary, check exit status and output.
# Each test sources this; $work is a fresh temp dir removed at exit.
work=$(mktemp -d "${TMPDIR:-/tmp}/kaoping-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
last_out="$work/.out"
last_err="$work/.err"

fail() {
  echo "FAIL: $*" >&2
  echo "--- stdout:" >&2; head -c 3000 "$last_out" >&2
  echo "--- stderr:" >&2; head -c 3000 "$last_err" >&2
  failures=$((failures + 1))
}

# expect_status CODE CMD...: runs CMD, checks its exit code.
expect_status() {
  local want=$1; shift
  "$@" >"$last_out" 2>"$last_err" </dev/null
  local got=$?
  [ "$got" -eq "$want" ] || fail "exit $got, expected $want: $*"
}
expect_ok() { expect_status 0 "$@"; }
expect_stdout_has() { grep -qF -- "$1" "$last_out" || fail "stdout lacks: $1"; }
expect_stderr_has() { grep -qF -- "$1" "$last_err" || fail "stderr lacks: $1"; }
expect_stdout_lacks() { ! grep -qF -- "$1" "$last_out" || fail "stdout has: $1"; }
# expect_same FILE1 FILE2: byte-identical, or show the diff.
expect_same() { cmp -s "$1" "$2" || { diff -u "$1" "$2" | head -40 >&2; fail "files differ: $1 $2"; }; }
finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
