#!/usr/bin/env bash
# Builds of Junction compared by their tail at one connection, alternately: each starts fresh, is warmed for 40 s at
# 64 connections (the JIT settles in about 35 s there), then one connection sends one request at a time for 15 s
# (`junction-bench.jar tail`). Per build and round it prints the percentiles, how many requests took over 3× the
# median and how far apart those came most often (a periodic cause shows as a peak), and the CPU per request of
# each of the gateway's threads — which is how the usage writer's commits were found in the tail (RESULTS.md §13).
#
#   bench/tail-ab.sh /tmp/A.jar /tmp/B.jar [rounds]      any number of jars; 2 rounds by default (ROUNDS=n)
#
# Needs JDK 25, wrk, and a built bench module (./mvnw -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROUNDS=${ROUNDS:-2}
JARS=()
for arg in "$@"; do
  if [[ $arg == *.jar ]]; then JARS+=("$(realpath "$arg")"); else ROUNDS=$arg; fi
done
. bench/wrk-stack.sh

trace() {
  local jar=$1 label=$2 out
  out=$(mktemp -d /tmp/junction-tail-ab.XXXXXX)
  (
    start_wrk_stack "$out" "$jar" bench/fast false -XX:+UseParallelGC
    CONN=64 wrk_window "$out/warm.txt" 40
    "$JAVA_HOME/bin/java" -cp bench/target/junction-bench.jar dev.junction.bench.BenchMain tail "$URL" --secs 3 \
      --key "$KEY" > /dev/null
    echo "== $label ($(basename "$jar")), load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$JAVA_HOME/bin/java" -cp bench/target/junction-bench.jar dev.junction.bench.BenchMain tail "$URL" --secs 15 \
      --key "$KEY" --pid "$GW"
  )
  rm -rf "$out"
}

for round in $(seq 1 "$ROUNDS"); do
  i=0
  for jar in "${JARS[@]}"; do
    i=$((i + 1))
    trace "$jar" "round $round, build $i"
  done
done
