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
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_PROFILE_JAR:-gateway/target/junction.jar}
OUT=bench/results/profile-$LABEL; rm -rf "$OUT"; mkdir -p "$OUT"
PROFILER=bench/target/profiler/linux-x64/libasyncProfiler.so
if [[ ! -f $PROFILER ]]; then
  ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory=bench/target/profiler
  (cd bench/target/profiler && unzip -q -o async-profiler-4.1.jar 'linux-x64/*')
fi
PROFILER=$(realpath "$PROFILER")
. bench/wrk-stack.sh
start_wrk_stack "$OUT" "$JAR" "$MODEL" "$STREAM" ${BENCH_GATEWAY_JVM_FLAGS:--XX:+UseParallelGC} -XX:+EnableDynamicAgentLoading
wrk_window "$OUT/warm.txt" "${WARM:-10}"
"$JAVA_HOME/bin/jcmd" $GW JVMTI.agent_load "$PROFILER" "\"start,event=${EVENT:-cpu},${PROFILE_OPTS:-interval=1ms,threads}\"" > /dev/null
T0=$(awk '{print $14+$15}' /proc/$GW/stat)
wrk_window "$OUT/wrk.txt" "${DUR:-15}"
T1=$(awk '{print $14+$15}' /proc/$GW/stat)
"$JAVA_HOME/bin/jcmd" $GW JVMTI.agent_load "$PROFILER" "\"stop,file=$(realpath "$OUT")/prof.collapsed,collapsed\"" > /dev/null
REQ=$(awk '/requests in/{print $1}' "$OUT/wrk.txt")
TICK=$(getconf CLK_TCK)
echo "$LABEL: $(grep Requests/sec "$OUT/wrk.txt" | tr -s ' ') requests=$REQ gateway CPU µs/request=$(( (T1-T0) * 1000000 / TICK / REQ )) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "collapsed stacks: $OUT/prof.collapsed"
