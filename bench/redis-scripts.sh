#!/usr/bin/env bash
# Redis's own time for each of cluster mode's per-request Lua scripts, as one Junction build runs them: the build
# serves 15 s of warm-up at 64 connections, then 3 s at one connection while Redis's slowlog records every command
# (slowlog-log-slower-than 0); prints the median and p90 duration of each script, told apart by its number of keys
# (the admission has 6 plus one per rate rule, the settlement 6) and its SHA.
#
#   bench/redis-scripts.sh gateway/target/junction.jar            against redis://127.0.0.1:6379
#
# It changes the Redis server's slowlog settings for the 3 s and puts back 10 ms after. Needs JDK 25, wrk, redis-cli
# and a built bench module (./mvnw -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=$(realpath "$1")
. bench/wrk-stack.sh
out=$(mktemp -d /tmp/junction-redis-scripts.XXXXXX)
export BENCH_RATE_LIMIT=1000000/1s JUNCTION_CLUSTER_REDIS_URL=${JUNCTION_CLUSTER_REDIS_URL:-redis://127.0.0.1:6379}
export JUNCTION_CLUSTER_KEY_PREFIX="junction-redis-scripts-$$:"
REDIS=(redis-cli -u "$JUNCTION_CLUSTER_REDIS_URL")
start_wrk_stack "$out" "$JAR" bench/fast false -XX:+UseParallelGC
CONN=64 wrk_window "$out/warm.txt" 15
"${REDIS[@]}" config set slowlog-max-len 100000 > /dev/null
"${REDIS[@]}" config set slowlog-log-slower-than 0 > /dev/null
"${REDIS[@]}" slowlog reset > /dev/null
wrk -t1 -c1 -d3s -s "$WRK_LUA" "$URL" > "$out/c1.txt"
"${REDIS[@]}" config set slowlog-log-slower-than 10000 > /dev/null
# --raw flattens each entry to: id, time, duration (µs), the command's words, client address, client name.
"${REDIS[@]}" --raw slowlog get 100000 > "$out/slowlog.txt"
"${REDIS[@]}" --scan --pattern "$JUNCTION_CLUSTER_KEY_PREFIX*" | xargs -r "${REDIS[@]}" del > /dev/null
awk 'prev2 != "" && tolower($0) == "evalsha" { want = 2; duration = prev1; next }
     want == 2 { sha = substr($0, 1, 8); want = 1; next }
     want == 1 { print $0 " keys, script " sha, duration; want = 0 }
     { prev2 = prev1; prev1 = $0 }' "$out/slowlog.txt" \
  | sort -k1,1n -k4,4 -k5,5n \
  | awk '{ name = $1 " " $2 " " $3 " " $4; d[name, ++n[name]] = $5 }
         END { for (k in n) { m = d[k, int((n[k] + 1) / 2)]; p = d[k, int(n[k] * 0.9) + (n[k] * 0.9 > int(n[k] * 0.9))];
               printf "%s: %d calls, median %d µs, p90 %d µs\n", k, n[k], m, p } }'
rm -rf "$out"
