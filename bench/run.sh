#!/usr/bin/env bash
# Runs the benchmark suite (Hearth; Node-RED 4 as installed and tuned; a bare mqtt.js client; a bare Paho
# client; one Mosquitto on loopback) at QoS 0 and QoS 1, on all cores and on one, and writes
# docs/benchmarks.md. Installs what it needs; bounded to under 10 minutes in total.
# Extra arguments go to the harness, e.g. `bench/run.sh --repeats 1` (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${HEARTH_BENCH_CACHE:-$HOME/.cache/hearth-bench}"
NODE_RED_VERSION="${NODE_RED_VERSION:-4}"
started=$(date +%s)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "Installing Mosquitto (Debian package)"
  as_root apt-get install -y mosquitto >/dev/null
fi
command -v taskset >/dev/null 2>&1 || as_root apt-get install -y util-linux >/dev/null

if [ ! -f "$CACHE/node-red/node_modules/node-red/package.json" ]; then
  echo "Installing node-red@$NODE_RED_VERSION into $CACHE/node-red"
  mkdir -p "$CACHE/node-red"
  (cd "$CACHE/node-red" && timeout 300 npm install --no-audit --no-fund --loglevel=error "node-red@$NODE_RED_VERSION")
fi
# The bare mqtt.js client requires Node-RED's own mqtt.js (NODE_PATH=$CACHE/node-red/node_modules): npm hoists it
# there; if a future Node-RED nests it, install the same major beside it.
if [ ! -f "$CACHE/node-red/node_modules/mqtt/package.json" ]; then
  (cd "$CACHE/node-red" && timeout 300 npm install --no-audit --no-fund --loglevel=error "mqtt@5")
fi

# The shaded jars take a minute or more to build on a small machine: skip the build when every jar
# is newer than every source, pom and resource (HEARTH_BENCH_BUILD=1 forces it).
jars=(distribution/target/hearth/lib/hearth.jar bench/target/hearth-bench.jar bench/engine-jmh/target/engine-benchmarks.jar)
stale=${HEARTH_BENCH_BUILD:-}
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || stale=1
done
if [ -z "$stale" ]; then
  oldest=$(ls -tr "${jars[@]}" | head -1)
  newer=$(find pom.xml gateway device-simulators distribution bench -path '*/target' -prune -o -type f -newer "$oldest" -print -quit)
  [ -n "$newer" ] && stale=1
fi
if [ -n "$stale" ]; then
  echo "Building (mvn package, tests skipped)"
  mvn -B -q -DskipTests ${MVN_OFFLINE:+-o} package
else
  echo "Jars are newer than every source: not building (HEARTH_BENCH_BUILD=1 forces a build)"
fi

mkdir -p docs
# The automation engine's JMH benchmark (bench/engine-jmh, from the automation feature), cut to the
# per-event cost that the target is about: 1 matching automation among 10, 1,000, 10,000 and 100,000.
echo "Engine JMH (about 30 s)"
engine_json=bench/target/engine-jmh.json
rm -f "$engine_json"
timeout 120 java -jar bench/engine-jmh/target/engine-benchmarks.jar -p matching=1 -p automations=10,1000,10000,100000 \
  -wi 2 -w 1 -i 3 -r 1 -f 1 -rf json -rff "$engine_json" >bench/target/engine-jmh.log 2>&1 \
  || echo "engine JMH failed; see bench/target/engine-jmh.log"
engine_args=()
[ -f "$engine_json" ] && engine_args=(--engine-json "$engine_json")
# The harness skips repeats that would not fit in its budget; the timeout is only a backstop.
budget=$(( 600 - ($(date +%s) - started) - 25 ))
echo "Running the benchmarks (budget ${budget} s)"
timeout "$(( budget + 30 ))" java -jar bench/target/hearth-bench.jar \
  --budget "$budget" \
  --gateway-jar distribution/target/hearth/lib/hearth.jar \
  --bench-jar bench/target/hearth-bench.jar \
  --node-red "$CACHE/node-red" \
  --work bench/target/runs \
  --notes bench/NOTES.md \
  "${engine_args[@]}" \
  --out docs/benchmarks.md "$@"
echo "Done in $(( $(date +%s) - started )) s: docs/benchmarks.md"
