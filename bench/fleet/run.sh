#!/usr/bin/env bash
# The many-gateway simulation (docs/fleet.md, "The many-gateway simulation"): N gateway processes (default 20), each
# with a simulated home on one shared local Mosquitto, uplinked to one upstream Mosquitto; RATE readings/s per home
# (default 5), an OUTAGE s upstream outage under load (default 60), uplink.rate UPLINK_RATE (default 20). Prints the
# figures as Markdown. Runs niced; about 4-6 minutes on two cores.
#   bench/fleet/run.sh [N] [RATE] [OUTAGE] [UPLINK_RATE]
set -euo pipefail
source "$(dirname "$0")/../reliability/classpath.sh"
work=$(mktemp -d /tmp/hearth-fleet.XXXXXX)
echo "Working in $work (one directory per home, gateway.log in each)" >&2
exec nice -n 10 java -Xmx256m -Dhearth.classpath="$HEARTH_CP" -cp "$BENCH_CP" dev.hearth.bench.fleet.FleetSimulation \
    "$work" "${1:-20}" "${2:-5}" "${3:-60}" "${4:-20}"
