#!/usr/bin/env bash
# Profiles Junction under load: the suite's mock upstream, Junction on bench/junction-bench.yaml, wrk as the client;
# async-profiler (from Maven Central) attached after the warm-up, CPU samples every 1 ms per thread. Prints the
# rate and the gateway's CPU per request from /proc, and writes collapsed stacks (flame-graph input) to
# bench/results/profile-<label>/prof.collapsed.
#
#   bench/profile.sh [label] [model] [stream]      e.g. bench/profile.sh plain bench/fast false
#                                                       bench/profile.sh burst bench/burst true
# Knobs: BENCH_PROFILE_JAR (default gateway/target/junction.jar), CONN (64), WARM (10 s), DUR (15 s),
# EVENT (cpu; wall for where time passes, alloc for allocations).
# Needs JDK 25 and wrk; a built tree (./mvnw -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
LABEL=${1:-plain}; MODEL=${2:-bench/fast}; STREAM=${3:-false}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; J=$JAVA_HOME/bin/java
JAR=${BENCH_PROFILE_JAR:-gateway/target/junction.jar}
OUT=bench/results/profile-$LABEL; rm -rf "$OUT"; mkdir -p "$OUT"
PROFILER=bench/target/profiler/linux-x64/libasyncProfiler.so
if [[ ! -f $PROFILER ]]; then
  ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory=bench/target/profiler
  (cd bench/target/profiler && unzip -q -o async-profiler-4.1.jar 'linux-x64/*')
fi
PROFILER=$(realpath "$PROFILER")
"$J" -Xmx512m -cp bench/target/junction-bench.jar dev.junction.bench.mock.MockUpstream --port 18091 > "$OUT/mock.log" 2>&1 &
MOCK=$!
KEY=sk-bench-profiling-key-0123456789
JUNCTION_BENCH_KEY=$KEY JUNCTION_SERVER_PORT=18090 BENCH_MOCK_PORT=18091 JUNCTION_STORAGE_DATA_DIR="$OUT/data" \
  "$J" -Xmx1g ${BENCH_GATEWAY_JVM_FLAGS:--XX:+UseParallelGC} -XX:+EnableDynamicAgentLoading -jar "$JAR" serve --config bench/junction-bench.yaml > "$OUT/gateway.log" 2>&1 &
GW=$!
trap 'kill $GW $MOCK 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:18090/health && break; sleep 0.2; done
cat > "$OUT/post.lua" <<L
wrk.method = "POST"
wrk.body = '{"model":"$MODEL","stream":$STREAM,"messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
L
URL=http://127.0.0.1:18090/api/v1/chat/completions
wrk -t1 -c"${CONN:-64}" -d"${WARM:-10}"s -s "$OUT/post.lua" "$URL" > "$OUT/warm.txt"
"$JAVA_HOME/bin/jcmd" $GW JVMTI.agent_load "$PROFILER" "\"start,event=${EVENT:-cpu},${PROFILE_OPTS:-interval=1ms,threads}\"" > /dev/null
T0=$(awk '{print $14+$15}' /proc/$GW/stat)
wrk -t1 -c"${CONN:-64}" -d"${DUR:-15}"s -s "$OUT/post.lua" "$URL" > "$OUT/wrk.txt"
T1=$(awk '{print $14+$15}' /proc/$GW/stat)
"$JAVA_HOME/bin/jcmd" $GW JVMTI.agent_load "$PROFILER" "\"stop,file=$(realpath "$OUT")/prof.collapsed,collapsed\"" > /dev/null
REQ=$(awk '/requests in/{print $1}' "$OUT/wrk.txt")
TICK=$(getconf CLK_TCK)
echo "$LABEL: $(grep Requests/sec "$OUT/wrk.txt" | tr -s ' ') requests=$REQ gateway CPU µs/request=$(( (T1-T0) * 1000000 / TICK / REQ )) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "collapsed stacks: $OUT/prof.collapsed"
