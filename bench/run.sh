#!/usr/bin/env bash
# Runs every benchmark scenario of issue 3 — direct to the mock / through Junction / through nginx,
# interleaved — and writes bench/results/<time>/results.md (also bench/results/latest.md).
# About ten minutes on a 2-core machine. Needs JDK 25, wrk and nginx (Debian: apt-get install -y wrk nginx).
#
#   bench/run.sh                 the full run
#   BENCH_QUICK=1 bench/run.sh   a ~2-minute smoke test of the harness (figures mean nothing)
#
# Knobs (environment): BENCH_ROUNDS, BENCH_LATENCY_SECS, BENCH_THROUGHPUT_SECS, BENCH_WARMUP_SECS,
# BENCH_STREAM_ROUNDS, BENCH_STREAM_SECS, BENCH_SLOW_STREAMS, BENCH_NGINX_WORKERS, BENCH_GATEWAY_HEAP,
# BENCH_GATEWAY_JVM_FLAGS (default -XX:+UseParallelGC, as the launcher; "" for the JVM default G1),
# BENCH_JMH_ARGS, BENCH_SCENARIOS (e.g. "1,2"), BENCH_*_PORT — see bench/src/main/java/dev/junction/bench/suite/Settings.java.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$JAVA" -version 2>&1 | grep -q 'version "25'; then
  echo "JDK 25 needed: set JAVA_HOME to a JDK 25" >&2; exit 1
fi
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk nginx" >&2; exit 1; }
done

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B package -DskipTests ${MAVEN_ARGS:-}
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The suite is the load generator too: a fixed heap so its own GC never has to grow into one mid-run.
exec "$JAVA" -Xms1g -Xmx2g -XX:+UseParallelGC -cp bench/target/junction-bench.jar dev.junction.bench.suite.Suite
