#!/usr/bin/env bash
# One build of Junction under wrk with a GC log: the suite's mock upstream, Junction on bench/junction-bench.yaml
# (-Xmx1g, the launcher's parallel collector), a warm-up, then a measured window. Prints the rate, the gateway's CPU per
# request (from /proc) and the GC pause time per request in that window; the log is in /tmp/gclog-<label>/gc.log.
#
#   bench/gclog.sh JAR LABEL [model] [stream]     e.g. bench/gclog.sh gateway/target/junction.jar after
# Run two builds alternately for an A/B. Knobs: CONN (64), WARM (30 s), DUR (30 s). Needs JDK 25 and wrk.
set -u
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; J=$JAVA_HOME/bin/java
JAR=$1; L=$2; MODEL=${3:-bench/fast}; STREAM=${4:-false}
OUT=/tmp/gclog-$L; rm -rf "$OUT"; mkdir -p "$OUT"
"$J" -Xmx512m -cp bench/target/junction-bench.jar dev.junction.bench.mock.MockUpstream --port 18091 > "$OUT/mock.log" 2>&1 &
MOCK=$!
KEY=sk-bench-gclog-key-0123456789abcdef
JUNCTION_BENCH_KEY=$KEY JUNCTION_SERVER_PORT=18090 BENCH_MOCK_PORT=18091 JUNCTION_STORAGE_DATA_DIR="$OUT/data" \
  "$J" -Xmx1g -XX:+UseParallelGC -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" serve --config bench/junction-bench.yaml > "$OUT/gateway.log" 2>&1 &
GW=$!
trap 'kill $GW $MOCK 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:18090/health && break; sleep 0.2; done
cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"$MODEL","stream":$STREAM,"messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
URL=http://127.0.0.1:18090/api/v1/chat/completions
wrk -t1 -c"${CONN:-64}" -d"${WARM:-30}"s -s "$OUT/post.lua" "$URL" > "$OUT/warm.txt"
G0=$(grep -c "Pause" "$OUT/gc.log")
T0=$(awk '{print $14+$15}' /proc/$GW/stat)
wrk -t1 -c"${CONN:-64}" -d"${DUR:-30}"s -s "$OUT/post.lua" "$URL" > "$OUT/wrk.txt"
T1=$(awk '{print $14+$15}' /proc/$GW/stat)
REQ=$(awk '/requests in/{print $1}' "$OUT/wrk.txt")
PAUSE_MS=$(grep "Pause" "$OUT/gc.log" | tail -n +$((G0 + 1)) | awk '{gsub("ms", "", $NF); s += $NF} END {printf "%.0f", s}')
TICK=$(getconf CLK_TCK)
echo "$L: $(grep Requests/sec "$OUT/wrk.txt" | tr -s ' ') gateway CPU µs/request=$(( (T1 - T0) * 1000000 / TICK / REQ ))" \
  "GC pause µs/request=$(awk -v p="$PAUSE_MS" -v r="$REQ" 'BEGIN {printf "%.1f", p * 1000 / r}') (pauses in $OUT/gc.log)"
