#!/usr/bin/env bash
# The crash campaigns of tests/cli/crash_campaign.sh and tests/cli/crash_writes.sh in their
# long form: N SIGKILLs (default 500) of each of import and backup, and of each of the v13
# writes (a 2,446-row import past its audit seal, field merge, year new, publish) at random
# moments, each followed by the integrity, all-or-nothing and leftover checks. SEED=...
# repeats a run. Build first (cmake --build --preset default).
#   bench/crash_campaign.sh 500
set -euo pipefail
cd "$(dirname "$0")/.."
export KILLS=${1:-500}
export KAOPING_BIN=${KAOPING_BIN:-$PWD/build/default/kaoping} KAOPING_SRC=$PWD
export LC_ALL=C.UTF-8 TZ=UTC KAOPING_OPERATOR=${KAOPING_OPERATOR:-bench}
[ -x "$KAOPING_BIN" ] || { echo "build first: $KAOPING_BIN is missing" >&2; exit 2; }
time bash tests/cli/crash_campaign.sh
time bash tests/cli/crash_writes.sh
