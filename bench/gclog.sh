#!/usr/bin/env bash
# One build of Junction under wrk with a GC log: the suite's mock upstream, Junction on bench/junction-bench.yaml
# (-Xmx1g, the launcher's parallel collector), a warm-up, then a measured window. Prints the rate, the gateway's CPU per
# request (from /proc) and the GC pause time per request in that window; the log is in /tmp/gclog-<label>/gc.log.
#
#   bench/gclog.sh JAR LABEL [model] [stream]     e.g. bench/gclog.sh gateway/target/junction.jar after
# Run two builds alternately for an A/B. Knobs: CONN (64), WARM (30 s), DUR (30 s). Needs JDK 25 and wrk.
set -u
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=$1; L=$2; MODEL=${3:-bench/fast}; STREAM=${4:-false}
OUT=/tmp/gclog-$L; rm -rf "$OUT"; mkdir -p "$OUT"
. bench/wrk-stack.sh
start_wrk_stack "$OUT" "$JAR" "$MODEL" "$STREAM" -XX:+UseParallelGC -Xlog:gc:file="$OUT/gc.log"
wrk_window "$OUT/warm.txt" "${WARM:-30}"
G0=$(grep -c "Pause" "$OUT/gc.log")
T0=$(awk '{print $14+$15}' /proc/$GW/stat)
wrk_window "$OUT/wrk.txt" "${DUR:-30}"
T1=$(awk '{print $14+$15}' /proc/$GW/stat)
REQ=$(awk '/requests in/{print $1}' "$OUT/wrk.txt")
PAUSE_MS=$(grep "Pause" "$OUT/gc.log" | tail -n +$((G0 + 1)) | awk '{gsub("ms", "", $NF); s += $NF} END {printf "%.0f", s}')
TICK=$(getconf CLK_TCK)
echo "$L: $(grep Requests/sec "$OUT/wrk.txt" | tr -s ' ') gateway CPU µs/request=$(( (T1 - T0) * 1000000 / TICK / REQ ))" \
  "GC pause µs/request=$(awk -v p="$PAUSE_MS" -v r="$REQ" 'BEGIN {printf "%.1f", p * 1000 / r}') (pauses in $OUT/gc.log)"
