#!/usr/bin/env bash
# The soak (docs/reliability.md, "Soak with the broker restarting"): the gateway under RATE motion events/s (default
# 50) for MINUTES (default 10) while Mosquitto restarts every RESTART seconds (default 30). One verdict line: nothing
# lost, order kept, threads / open files / memory flat.
#   bench/reliability/soak.sh [MINUTES] [RESTART] [RATE]
set -euo pipefail
source "$(dirname "$0")/classpath.sh"
work=$(mktemp -d /tmp/hearth-soak.XXXXXX)
echo "Working in $work" >&2
java -Xmx256m -Dhearth.classpath="$HEARTH_CP" -cp "$BENCH_CP" dev.hearth.bench.reliability.Soak "$work" "${1:-10}" "${2:-30}" "${3:-50}"
