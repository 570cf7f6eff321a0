#!/usr/bin/env bash
# Two builds of Junction, alternately, under the same wrk load against the suite's mock: requests/s and the gateway's
# CPU per request at 64 connections, then p50/p99 at one connection (wrk --latency). Each build starts fresh and is
# warmed for 25 s at 64 connections. The environment passes through to the gateway, so a variant is a variable:
#
#   bench/wrk-ab.sh /tmp/A.jar /tmp/B.jar [rounds]                       plain routing (2 rounds by default)
#   BENCH_ACCESS_LOG=true bench/wrk-ab.sh /tmp/A.jar /tmp/B.jar           with the access log, as Junction runs by default
#   BENCH_RATE_LIMIT=1000000/1s JUNCTION_CLUSTER_REDIS_URL=redis://127.0.0.1:6379 bench/wrk-ab.sh A.jar B.jar   cluster mode
#
# Needs JDK 25, wrk, and a built bench module (./mvnw -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
A=$(realpath "$1"); B=$(realpath "$2"); ROUNDS=${3:-2}
. bench/wrk-stack.sh

measure() {
  local jar=$1 label=$2 out
  out=$(mktemp -d /tmp/junction-wrk-ab.XXXXXX)
  (
    # Cluster mode: each run keeps its Redis state under a prefix of its own.
    export JUNCTION_CLUSTER_KEY_PREFIX="junction-wrk-ab-$label-$$:"
    start_wrk_stack "$out" "$jar" bench/fast false -XX:+UseParallelGC
    CONN=64 wrk_window "$out/warm.txt" 25
    T0=$(awk '{print $14+$15}' /proc/$GW/stat)
    CONN=64 wrk_window "$out/c64.txt" 10
    T1=$(awk '{print $14+$15}' /proc/$GW/stat)
    REQ=$(awk '/requests in/{print $1}' "$out/c64.txt")
    wrk -t1 -c1 -d10s --latency -s "$WRK_LUA" "$URL" > "$out/c1.txt"
    echo "$label: c=64 $(awk '/Requests\/sec/{print $2}' "$out/c64.txt") req/s, $(( (T1-T0) * 1000000 / $(getconf CLK_TCK) / REQ )) µs CPU/request;" \
      "c=1 p50 $(awk '$1=="50%"{print $2}' "$out/c1.txt") p99 $(awk '$1=="99%"{print $2}' "$out/c1.txt");" \
      "non-2xx: $(cat "$out"/c64.txt "$out"/c1.txt | awk '/Non-2xx/{s+=$NF} END {print s+0}')"
  )
  if [[ -n "${JUNCTION_CLUSTER_REDIS_URL:-}" ]] && command -v redis-cli > /dev/null; then
    redis-cli -u "$JUNCTION_CLUSTER_REDIS_URL" --scan --pattern "junction-wrk-ab-$label-$$:*" | xargs -r redis-cli -u "$JUNCTION_CLUSTER_REDIS_URL" del > /dev/null
  fi
  rm -rf "$out"
}

for round in $(seq 1 "$ROUNDS"); do
  measure "$A" A
  measure "$B" B
done
