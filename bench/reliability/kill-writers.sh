#!/usr/bin/env bash
# The long version of the database kill tests (docs/reliability.md, "Gateway killed while saving state"): the
# counter, the automation journal and the outbox writers each killed with SIGKILL KILLS times (default 50) at random
# points. Prints one verdict line per writer; exits non-zero if a restart lost a committed value.
#   bench/reliability/kill-writers.sh [KILLS]
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-50}
log=$(mktemp /tmp/hearth-kill-writers.XXXXXX.log)
status=0
mvn -o -B verify -pl gateway -am -Dtest='DatabaseKillTest,JournalKillTest,OutboxKillTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dhearth.kills="$kills" -Dhearth.killSeconds=$((kills * 8)) >"$log" 2>&1 || status=$?
grep -h 'restarts lost committed values' gateway/target/surefire-reports/*KillTest-output.txt 2>/dev/null \
    | sed -E 's/^(.*), 0 restarts lost(.*)$/\1, 0 restarts lost\2 -> PASS/; s/^(.*, [1-9][0-9]* restarts lost.*)$/\1 -> FAIL/'
[ "$status" -eq 0 ] || echo "FAIL: see $log" >&2
exit "$status"
