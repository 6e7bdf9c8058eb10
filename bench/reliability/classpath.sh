# Sourced by the scripts in bench/reliability: compiles the gateway, the simulators and the bench harness (offline,
# tests not run) and sets HEARTH_CP (the gateway's classes and libraries) and BENCH_CP (the harness's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -o -q compile -pl bench -am >&2
  mvn -o -q compile dependency:build-classpath -pl gateway -am -Dmdep.outputFile=target/classpath.txt \
      -Dmdep.includeScope=runtime >&2
fi
HEARTH_CP="$PWD/gateway/target/classes:$(cat gateway/target/classpath.txt)"
BENCH_CP="bench/target/classes:device-simulators/target/classes:$(cat device-simulators/target/classpath.txt):$HEARTH_CP"
export HEARTH_CP BENCH_CP
