#!/usr/bin/env bash
# The include allowlist: every #include in src/ must point down the layers of
# docs/architecture.md, and the outside libraries each stay in their one folder. Prints every
# wrong-way include as file:line and exits 1; a folder with no allowlist entry fails too.
# Usage: include_check.sh [SRC_DIR]   (default: the src/ beside tests/)
set -uo pipefail
src=${1:-$(cd "$(dirname "$0")/../../src" && pwd)}
src=${src%/}

# Folder -> the folders its quoted includes may name ("." is src/main.c).
declare -A allow=(
    [model]="model"
    [db]="model db"
    [io]="model io"
    [app]="model db io app"
    [cli]="model db io app cli"
    [ui]="model db io app ui"
    [.]="cli ui"
)
# System header -> the one folder that may include it.
declare -A owner=(
    [sqlite3.h]=db
    [curses.h]=ui [ncurses.h]=ui [ncursesw/curses.h]=ui [ncursesw/ncurses.h]=ui
    [form.h]=ui [menu.h]=ui [panel.h]=ui [ncursesw/form.h]=ui [ncursesw/menu.h]=ui
    [ncursesw/panel.h]=ui
    [csv.h]=io [zip.h]=io [expat.h]=io [xlsxwriter.h]=io
)

bad=0 files=0 includes=0
fail() { echo "$1: $2"; bad=$((bad + 1)); }

while IFS= read -r -d '' file; do
    rel=${file#"$src"/}
    folder=${rel%%/*}
    [[ $rel == */* ]] || folder=.
    files=$((files + 1))
    if [[ -z ${allow[$folder]+set} ]]; then
        fail "src/$rel" "folder src/$folder has no entry in the include allowlist ($0)"
        continue
    fi
    while IFS=: read -r line text; do
        includes=$((includes + 1))
        if [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]]; then
            target=${BASH_REMATCH[1]}
            to=${target%%/*}
            [[ $target == */* ]] || to=$folder   # "x.h" is a header beside the file
            if [[ " ${allow[$folder]} " != *" $to "* ]]; then
                fail "src/$rel:$line" "src/$folder may not include \"$target\" (allowed: ${allow[$folder]})"
            fi
        elif [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^\>]+)\> ]]; then
            target=${BASH_REMATCH[1]}
            if [[ -n ${owner[$target]+set} && ${owner[$target]} != "$folder" ]]; then
                fail "src/$rel:$line" "only src/${owner[$target]} may include <$target>"
            fi
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file")
done < <(find "$src" -type f \( -name '*.c' -o -name '*.h' \) -print0 | sort -z)

if ((files == 0)); then
    echo "include check: no sources under $src" >&2
    exit 1
fi
echo "include check: $files files, $includes includes, $bad wrong-way"
((bad == 0))
