#!/usr/bin/env bash
# The layer and size checks catch what they are for (docs/architecture.md "How the arrows are
# enforced"): on a copy of src/ with one planted fault each, include_check.sh names a wrong-way
# include and an outside header in the wrong folder, and scripts/size-report a function over
# 60 lines without a stated reason and a file over 600 lines; the clean copy passes both.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
expect() { # expect CODE "needle" -- command...
    local code=$1 needle=$2 out rc
    shift 3
    out=$("$@" 2>&1)
    rc=$?
    if [[ $rc != "$code" || $out != *"$needle"* ]]; then
        echo "FAIL: $* exited $rc (want $code), output lacks '$needle':"
        echo "$out"
        fails=$((fails + 1))
    fi
}
fresh() { rm -rf "$tmp/src" && cp -r "$root/src" "$tmp/src"; }

fresh
expect 0 "0 wrong-way" -- bash "$here/include_check.sh" "$tmp/src"
expect 0 "files over 600 lines: 0" -- "$root/scripts/size-report" "$tmp/src"

# io reaching up into app, model reaching into db, sqlite3.h outside db
fresh
sed -i '0,/^#include "io\/kinds.h"/s//&\n#include "app\/kinds.h"/' "$tmp/src/io/kinds.c"
expect 1 'src/io/kinds.c:3: src/io may not include "app/kinds.h" (allowed: model io)' -- \
    bash "$here/include_check.sh" "$tmp/src"
fresh
printf '#include "db/store.h"\n' >> "$tmp/src/model/rules.c"
expect 1 'src/model may not include "db/store.h" (allowed: model)' -- \
    bash "$here/include_check.sh" "$tmp/src"
fresh
printf '#include <sqlite3.h>\n' >> "$tmp/src/io/field.c"
expect 1 'only src/db may include <sqlite3.h>' -- bash "$here/include_check.sh" "$tmp/src"

# a function of 61 lines: refused without a reason, also when the comment above it only
# happens to contain "long" inside a word; accepted with one
long_fn() { # long_fn COMMENT
    { echo "$1"; echo "static int planted(void)"; echo "{"; echo "    int n = 0;"
      for _ in $(seq 56); do echo "    n++;"; done; echo "    return n;"; echo "}"; } \
        >> "$tmp/src/model/rules.c"
}
fresh
long_fn "/* Counts. */"
expect 1 "planted: 61 lines" -- "$root/scripts/size-report" "$tmp/src"
fresh
long_fn "/* What belongs together. */"
expect 1 "planted: 61 lines" -- "$root/scripts/size-report" "$tmp/src"
fresh
long_fn "/* One step a line, in the order of the form: 61 lines, split would hide the order. */"
expect 0 "planted: 61 lines  [comment:" -- "$root/scripts/size-report" "$tmp/src"

# a file of 601 lines
fresh
seq 601 | sed 's|.*|/* filler */|' > "$tmp/src/model/filler.c"
expect 1 "src/model/filler.c: 601 lines" -- "$root/scripts/size-report" "$tmp/src"

if ((fails)); then
    echo "$fails check(s) failed"
    exit 1
fi
echo "layer and size checks catch every planted fault"
