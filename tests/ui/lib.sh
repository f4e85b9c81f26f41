# Helpers for UI tests: run the real binary in a private tmux server at 80x24 (UTF-8 pane,
# ESCDELAY=25), send keys, poll the screen for expected text (never fixed sleeps), and read
# the database afterwards. Each test sources this; $work is a fresh temp dir.
work=$(mktemp -d "${TMPDIR:-/tmp}/kaoping-ui-XXXXXX")
sock="kp$$"
T="tmux -L $sock -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
failures=0
: "${KAOPING_BIN:?KAOPING_BIN must point at the built binary}"
command -v tmux >/dev/null || { echo "tmux missing" >&2; exit 1; }

fail() {
  echo "FAIL: $*" >&2
  echo "--- screen:" >&2
  $T capture-pane -p -t kp >&2 2>/dev/null
  failures=$((failures + 1))
}

# start ARGS...: runs kaoping ARGS in a fresh 80x24 session named kp. A test that killed its
# last session restarts here while that server may still be exiting: new-session then fails
# with "server exited unexpectedly" (seen under load in stage.sh), so it is tried again.
start() {
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    $T new-session -d -s kp -x 80 -y 24 -e LC_ALL=C.UTF-8 -e LANG=C.UTF-8 -e ESCDELAY=25 \
      -e KAOPING_OPERATOR=tester -e TZ=UTC -e ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
      "$KAOPING_BIN $*; echo EXIT=\$?; sleep 30" 2>/dev/null && return 0
    sleep 0.2
  done
  fail "tmux did not start a session"
}

screen() { $T capture-pane -p -t kp; }

# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT (fixed string).
wait_for() {
  local text=$1 limit=${2:-10} i=0 shot
  while [ "$i" -lt $((limit * 100)) ]; do
    shot=$(screen)
    printf '%s\n' "$shot" | grep -qF -- "$text" && return 0
    # the program ended (crash, sanitizer report): fail now instead of waiting out the limit
    case "$shot" in *EXIT=*) fail "program exited while waiting for: $text"; return 1 ;; esac
    sleep 0.01
    i=$((i + 1))
  done
  fail "timed out waiting for: $text"
  return 1
}

# wait_gone TEXT: polls until the screen no longer shows TEXT.
wait_gone() {
  local text=$1 i=0
  while [ "$i" -lt 1000 ]; do
    screen | grep -qF -- "$text" || return 0
    sleep 0.01
    i=$((i + 1))
  done
  fail "still on screen: $text"
  return 1
}

keys() { $T send-keys -t kp "$@"; }
type_text() { $T send-keys -t kp -l -- "$1"; }
resize() { $T resize-window -t kp -x "$1" -y "$2"; }

# sql DB QUERY: reads the database (reading only: writes need the app's audit functions).
sql() { sqlite3 -batch -noheader "$1" "$2"; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
