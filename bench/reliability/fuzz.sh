#!/usr/bin/env bash
# The fuzz (docs/reliability.md, "Hostile payloads and a fuzz"): COUNT (default 1,000,000) hostile payloads through
# Mosquitto into the gateway's decoder; one verdict line: no crash, every bad payload counted on /metrics.
#   bench/reliability/fuzz.sh [COUNT] [SEED]
set -euo pipefail
source "$(dirname "$0")/classpath.sh"
work=$(mktemp -d /tmp/hearth-fuzz.XXXXXX)
echo "Working in $work" >&2
java -Xmx256m -Dhearth.classpath="$HEARTH_CP" -cp "$BENCH_CP" dev.hearth.bench.reliability.Fuzz "$work" "${1:-1000000}" "${2:-$RANDOM}"
