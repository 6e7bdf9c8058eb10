#!/usr/bin/env bash
# The delivery ledger (docs/reliability.md, "Gateway kill -9 under load"): Mosquitto, a sensor publishing numbered
# QoS 1 motion events, the gateway killed with SIGKILL and restarted KILLS times (default 20) under RATE events/s
# (default 200), then the broker stopped for OUTAGE seconds (default 60) under the same load. Prints one verdict
# line per phase; exits non-zero if an event the broker acknowledged never became a command (or, in the kill phase,
# became its first command out of order).
#   bench/reliability/kill-restart.sh [KILLS] [RATE] [OUTAGE]
set -euo pipefail
source "$(dirname "$0")/classpath.sh"
work=$(mktemp -d /tmp/hearth-kill-restart.XXXXXX)
echo "Working in $work (gateway logs, broker persistence)" >&2
java -Xmx256m -Dhearth.classpath="$HEARTH_CP" -cp "$BENCH_CP" dev.hearth.bench.reliability.KillRestart \
    "$work" "${1:-20}" "${2:-200}" "${3:-60}"
