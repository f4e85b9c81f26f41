# The Debian package: built by CPack from this build tree, unpacked into a scratch root
# (dpkg -x), and the installed binary run with no source tree around (KAOPING_SRC unset, the
# working directory and HOME in the scratch space, no forms folder anywhere it could look):
# demo, rank, check, the workstation's home screen and a form in tmux. Depends names the
# package of every library the binary links; man -l renders both pages without a warning, and
# kaoping(1) has a section for every command of `kaoping --help`.
set -u
build=$(dirname "$KAOPING_BIN")
if grep -q '^KAOPING_SANITIZE:[A-Z]*=ON' "$build/CMakeCache.txt"; then
  # A sanitizer build's package would depend on libasan and is not what is shipped; the
  # default preset builds and tests the real package.
  echo "SKIP: packaging is tested in the default preset, not in a sanitizer build"
  exit 77
fi
src=$KAOPING_SRC
unset KAOPING_SRC
. "$src/tests/ui/lib.sh"

(cd "$build" && cpack -B "$work/pkg") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; finish; }
deb=$(ls "$work"/pkg/kaoping_*.deb)
dpkg-deb -x "$deb" "$work/root"
bin="$work/root/usr/bin/kaoping"
[ -x "$bin" ] || { fail "no usr/bin/kaoping in $(dpkg-deb -c "$deb")"; finish; }
for f in usr/share/man/man1/kaoping.1.gz usr/share/man/man5/kaoping-forms.5.gz \
         usr/share/doc/kaoping/README.md usr/share/doc/kaoping/forms.md \
         usr/share/doc/kaoping/copyright usr/share/doc/kaoping/changelog.gz \
         usr/share/kaoping/forms/unit.form usr/share/kaoping/schemes/hangzhou.scheme \
         usr/share/doc/kaoping/scheme.md; do
  [ -f "$work/root/$f" ] || fail "the package lacks /$f"
done
# The binary knows no path into the source tree (its forms are built in).
if grep -aqF -- "$src/assets" "$bin"; then fail "the binary names $src/assets"; fi

# Depends: the package of each library the binary links (NEEDED), as dpkg knows it here.
depends=$(dpkg-deb -f "$deb" Depends)
for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
  pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1)
  [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
  case ", $depends" in *", $pkg "* | *", $pkg,"* | *", $pkg") ;; *) fail "Depends lacks $pkg ($lib): $depends" ;; esac
done
for pkg in libncursesw6 libtinfo6 libsqlite3-0 libcsv3; do
  case "$depends" in *"$pkg "*) ;; *) fail "Depends lacks $pkg: $depends" ;; esac
done
[ "$(dpkg-deb -f "$deb" Section)" = utils ] || fail "section: $(dpkg-deb -f "$deb" Section)"

# The installed program, run from an empty folder with a scratch HOME: the default database
# goes under HOME, nothing is written into the installed tree.
mkdir "$work/home" "$work/cwd"
cd "$work/cwd" || exit 1
export HOME="$work/home" KAOPING_BIN="$bin"
unset KAOPING_DB KAOPING_FORMS XDG_DATA_HOME
before=$(find "$work/root" -newer "$deb" | wc -l)
run() { "$bin" "$@" >"$work/out" 2>"$work/err" </dev/null; }
run demo || fail "demo: $(cat "$work/err")"
db="$HOME/.local/share/kaoping/kaoping.db"
[ -s "$db" ] || fail "demo did not write the default database $db"
run rank --year 2025 --format csv || fail "rank: $(cat "$work/err")"
[ "$(grep -c , "$work/out")" -gt 40 ] || fail "rank printed $(wc -l <"$work/out") lines"
run check || fail "check: $(cat "$work/err")"
# The scheme presets are built in too (docs/scheme.md): no file is read for them.
run scheme show --preset hangzhou && grep -qF "社会评价 50 分" "$work/out" || fail "hangzhou preset"
[ "$(find "$work/root" -newer "$deb" | wc -l)" = "$before" ] || fail "the program wrote into the installed tree"

start
wait_for "菜单"; wait_for "操作员 tester"
keys 1; wait_for "共 46 个单位"
keys a; wait_for "*单位编码"; wait_for "*排名分组"
keys Escape; wait_for "共 46 个单位"; keys F10; wait_for "EXIT=0"

# The man pages render (man-db, as an operator reads them) without a groff warning.
for page in man1/kaoping.1.gz man5/kaoping-forms.5.gz; do
  LANG=C.UTF-8 MANWIDTH=80 man --warnings -l "$work/root/usr/share/man/$page" \
    >"$work/man.txt" 2>"$work/man.err" || fail "man -l $page failed"
  [ ! -s "$work/man.err" ] || fail "man -l $page: $(cat "$work/man.err")"
  [ "$(wc -l <"$work/man.txt")" -gt 50 ] || fail "man -l $page: $(wc -l <"$work/man.txt") lines"
done
LANG=C.UTF-8 MANWIDTH=80 man -l "$work/root/usr/share/man/man1/kaoping.1.gz" >"$work/man.txt"
commands=$("$bin" --help | sed -n '/^命令:/,$p' | awk 'NR > 1 { print $1 }')
[ "$(echo "$commands" | wc -w)" -ge 10 ] || fail "kaoping --help lists: $commands"
for c in $commands; do
  grep -qx "   $c" "$work/man.txt" || fail "kaoping(1) has no section for the command $c"
done
for opt in --db --operator --forms KAOPING_DB KAOPING_FORMS XDG_DATA_HOME 退出码; do
  grep -qF -- "$opt" "$work/man.txt" || fail "kaoping(1) does not mention $opt"
done
LANG=C.UTF-8 MANWIDTH=80 man -l "$work/root/usr/share/man/man5/kaoping-forms.5.gz" >"$work/man.txt"
for form in "$work"/root/usr/share/kaoping/forms/*.form; do
  name=$(basename "$form")
  grep -qF "$name" "$work/man.txt" || fail "kaoping-forms(5) does not name $name"
done
finish
