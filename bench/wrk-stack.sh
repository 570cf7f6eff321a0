# Sourced by bench/profile.sh, gclog.sh, wrk-ab.sh, tail-ab.sh and redis-scripts.sh: the suite's mock upstream and
# one Junction under wrk.
#   start_wrk_stack OUT JAR MODEL STREAM [gateway JVM flags...]
# starts the mock on 18091 and Junction on 18090 (bench/junction-bench.yaml, -Xmx1g, data in OUT/data), waits for
# Junction's health, writes OUT/post.lua (a chat completion for MODEL) and sets GW (Junction's pid), URL, KEY and a trap
# that stops both on exit. wrk_window FILE SECONDS runs wrk with CONN (64) connections into FILE.
start_wrk_stack() {
  local out=$1 jar=$2 model=$3 stream=$4; shift 4
  local java=$JAVA_HOME/bin/java key=sk-bench-wrk-stack-key-0123456789
  "$java" -Xmx512m -cp bench/target/junction-bench.jar dev.junction.bench.mock.MockUpstream --port 18091 > "$out/mock.log" 2>&1 &
  MOCK=$!
  JUNCTION_BENCH_KEY=$key JUNCTION_SERVER_PORT=18090 BENCH_MOCK_PORT=18091 JUNCTION_STORAGE_DATA_DIR="$out/data" \
    "$java" -Xmx1g "$@" -jar "$jar" serve --config bench/junction-bench.yaml > "$out/gateway.log" 2>&1 &
  GW=$!
  trap 'kill $GW $MOCK 2>/dev/null; wait 2>/dev/null || true' EXIT
  for _ in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:18090/health && break; sleep 0.2; done
  cat > "$out/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"$model","stream":$stream,"messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
  URL=http://127.0.0.1:18090/api/v1/chat/completions
  KEY=$key
  WRK_LUA=$out/post.lua
}

wrk_window() {
  wrk -t1 -c"${CONN:-64}" -d"$2"s -s "$WRK_LUA" "$URL" > "$1"
}
