#!/usr/bin/env bash
# Embeddings throughput through Junction against direct to junction-sim's /v1/embeddings, in the same run, arms
# interleaved (issue 17). Writes bench/results/embeddings-<time>.md. About two minutes; needs only JDK 25.
#
#   bench/embeddings.sh
#   BENCH_EMBED_INPUTS=300 BENCH_EMBEDDING_BATCH_SIZE=100 bench/embeddings.sh   each request split into 3 upstream batches
#
# Knobs (environment): BENCH_EMBED_INPUTS (inputs per request, 16), BENCH_EMBED_DIMENSIONS (768),
# BENCH_EMBED_CONCURRENCY (8), BENCH_EMBED_SECS (10 per arm and round), BENCH_EMBED_ROUNDS (3),
# BENCH_EMBEDDING_BATCH_SIZE (Junction's embedding-batch-size, 2048), BENCH_SIM_PORT (18095), BENCH_GATEWAY_PORT (18096).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B package -DskipTests ${MAVEN_ARGS:-}
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -Xms512m -Xmx1g -cp bench/target/junction-bench.jar dev.junction.bench.suite.EmbeddingsBench
