#!/usr/bin/env bash
# The crash campaign of tests/cli/crash_campaign.sh in its long form: N SIGKILLs of import and
# N of backup at random moments (default 500), each followed by the integrity, all-or-nothing
# and leftover checks. SEED=... repeats a run. Build first (cmake --build --preset default).
#   bench/crash_campaign.sh 500
set -euo pipefail
cd "$(dirname "$0")/.."
export KILLS=${1:-500}
export KAOPING_BIN=${KAOPING_BIN:-$PWD/build/default/kaoping} KAOPING_SRC=$PWD
export LC_ALL=C.UTF-8 TZ=UTC KAOPING_OPERATOR=${KAOPING_OPERATOR:-bench}
[ -x "$KAOPING_BIN" ] || { echo "build first: $KAOPING_BIN is missing" >&2; exit 2; }
time bash tests/cli/crash_campaign.sh
