# scripts/setup must install every Debian package the build and the tests need on a clean
# Debian 12 (minbase: only Essential and Priority "required" packages). Every external command
# the test scripts (and the C tests' shell commands) call is looked up with dpkg -S; its package
# must be in setup's list, a dependency of one of them, Essential, or of priority required.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
command -v dpkg-query >/dev/null || { echo "not a Debian system: skipped"; exit 0; }

listed=$(sed -n '/^packages=(/,/)/p' "$KAOPING_SRC/scripts/setup" | tr -d '()' | sed 's/^packages=//')
[ -n "$listed" ] || fail "no packages=(...) list in scripts/setup"
# shellcheck disable=SC2086
provided=" $listed $(apt-cache depends --recurse --installed --no-recommends --no-suggests \
  --no-conflicts --no-breaks --no-replaces --no-enhances $listed 2>/dev/null |
  sed -n 's/^ *\(Pre\)\{0,1\}Depends: <\{0,1\}\([^ :>]*\).*/\2/p' | sort -u | tr '\n' ' ') "

# Words in command position: line start, after | ; & ( $( ` and after then/do/else/if/! ...
words=$(cat "$KAOPING_SRC"/tests/*/*.sh "$KAOPING_SRC"/scripts/* "$KAOPING_SRC"/.ci/run |
  grep -v '^[[:space:]]*#' |
  grep -oE '(^|[|;&(`]|\$\(|(then|do|else|if|while|!)[[:space:]])[[:space:]]*[a-z][a-z0-9_.+-]*' |
  sed -E 's/.*[^a-z0-9_.+-]([a-z][a-z0-9_.+-]*)$/\1/; s/^[[:space:]]*//')
# ... and what a script checks for or keeps in a variable (T="tmux -L ...").
vwords=$(cat "$KAOPING_SRC"/tests/*/*.sh "$KAOPING_SRC"/scripts/* |
  grep -oE '(command -v |=")[a-z][a-z0-9_.+-]*' | sed -E 's/^(command -v |=")//')
cwords=$(cat "$KAOPING_SRC"/tests/*/*.c | grep -oE '(test_run|system|popen|xasprintf)\("[a-z][a-z0-9_.+-]* ' |
  sed -E 's/.*"//; s/ $//')

# Which package ships each command: one grep over dpkg's file lists (dpkg -S per command took
# 15 s). A command may be registered under /bin (merged /usr) or be an alternative (awk).
declare -A cands=()
for w in $(printf '%s\n%s\n%s\n' "$words" "$vwords" "$cwords" | sort -u); do
  [ "$(type -t "$w")" = file ] || continue # builtins, keywords, functions, non-commands
  for d in /usr/bin /bin /usr/sbin /sbin; do
    [ -e "$d/$w" ] && cands[$w]="${cands[$w]:-} $d/$w $(readlink -f "$d/$w")"
  done
done
declare -A owner=()
while IFS= read -r line; do # /var/lib/dpkg/info/PKG[:ARCH].list:/path
  f=${line%%.list:*}
  owner[${line#*.list:}]=${f##*/}
done < <(printf '%s\n' ${cands[@]+"${cands[@]}"} | tr ' ' '\n' | grep . | sort -u |
  grep -H -x -F -f - /var/lib/dpkg/info/*.list 2>/dev/null)

checked=0
for w in "${!cands[@]}"; do
  pkg=
  for path in ${cands[$w]}; do
    pkg=${owner[$path]:-}
    [ -n "$pkg" ] && break
  done
  [ -n "$pkg" ] || continue # not from a Debian package here (e.g. the built binary)
  pkg=${pkg%%:*}
  checked=$((checked + 1))
  case "$provided" in *" $pkg "*) continue ;; esac
  info=$(dpkg-query -W -f='${Essential} ${Priority}' "$pkg" 2>/dev/null)
  case "$info" in yes\ * | *\ required) continue ;; esac
  fail "tests call '$w' (package $pkg, $info), which scripts/setup does not install"
done
[ "$checked" -ge 10 ] || fail "only $checked commands recognised: the scan is broken"
echo "checked $checked commands"
finish
