#!/usr/bin/env bash
# Slow HTTP connections (docs/reliability.md, "20,000 slow HTTP connections"): COUNT (default 20,000) slowloris
# connections to the gateway for HOLD seconds (default 60) under a light motion load. One verdict line: the gateway
# stays alive, automations keep working, /health answers once the connections go. Needs COUNT + ~200 open files.
#   bench/reliability/slow-http.sh [COUNT] [HOLD]
set -euo pipefail
source "$(dirname "$0")/classpath.sh"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
work=$(mktemp -d /tmp/hearth-slow-http.XXXXXX)
echo "Working in $work (open files allowed: $(ulimit -n))" >&2
java -Xmx512m -Dhearth.classpath="$HEARTH_CP" -cp "$BENCH_CP" dev.hearth.bench.reliability.SlowHttp "$work" "${1:-20000}" "${2:-60}"
