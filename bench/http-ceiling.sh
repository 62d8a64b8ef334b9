#!/usr/bin/env bash
# Issue 19's ceiling: what any HTTP apply server can reach on this machine under the issue's protocol
# (wrk -t2 -c64, bench/apply.lua: a unique user per request, on the same cores as the server), next to
# the denominator (redis-benchmark EVALSHA of bench/minimal-admit.lua, 50 connections, no pipelining, on a
# redis-server without persistence), in one run, with the CPU each side spends per request:
#   1. the minimal script (the denominator)
#   2. HAProxy answering every request itself with a constant 201 (http-request return): a C server that
#      parses the request and writes the answer, nothing else
#   3. the apply server's own Netty pipeline (bench/ceiling/CeilingServer.java: same codec limits,
#      aggregator, socket options and event loops) answering a constant 201 of the apply answer's size
#   4. FirstCome's apply-only node (consumers off, as bench/apply-bench.sh applyonly), warm after
#      LOAD_SECONDS at load: the Lua script, the Kafka acknowledgement, every answer a 201
#   5. the minimal script again (how far the machine drifted during the run)
# Each server gets WARM_SECONDS of unmeasured load, then MEASURE_SECONDS measured.
# usage: bench/http-ceiling.sh        env: WARM_SECONDS=15 MEASURE_SECONDS=15 LOAD_SECONDS=120 SKIP_APPLY=0
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
command -v haproxy >/dev/null || apt-get install -y haproxy || { apt-get update && apt-get install -y haproxy; }
ensure_jar
mkdir -p "$WORK"
# the server jar's libraries: the Netty ceiling runs on them, and the bundled Redis comes from them
extracted="$WORK/ceiling-extracted"
rm -rf "$extracted"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$extracted" >/dev/null
# the denominator runs on the binary the embedded Redis uses: redis-server from PATH, else the bundled 7.0.15
if command -v redis-server >/dev/null; then
  REDIS_EXE=$(command -v redis-server)
else
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("redis-server-7.0.15-linux-amd64", sys.argv[2])' \
    "$(ls "$extracted"/lib/embedded-redis-*.jar)" "$extracted/redis"
  REDIS_EXE="$extracted/redis/redis-server-7.0.15-linux-amd64"
  chmod +x "$REDIS_EXE"
fi

WARM="${WARM_SECONDS:-15}"
MEASURE="${MEASURE_SECONDS:-15}"
LOAD="${LOAD_SECONDS:-120}"
CPU="$BENCH_DIR/ceiling/cpu.py"
OUT="$WORK/ceiling-summary.txt"
machine | tee "$OUT"
echo "denominator's redis-server: $REDIS_EXE" | tee -a "$OUT"
echo "protocol: wrk -t2 -c64 -s bench/apply.lua, ${WARM}s unmeasured then ${MEASURE}s measured per server" | tee -a "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

await_port() {
  for _ in $(seq 1 200); do
    ss -ltn "sport = :$1" | grep -q LISTEN && return 0
    sleep 0.1
  done
  echo "nothing listens on $1" >&2
  return 1
}

ROWS=()
row() { ROWS+=("$1"); echo "$1"; }

# minimal <label>: the denominator, with the CPU of redis-server and of redis-benchmark per request
minimal() {
  local label="$1" port pid sha n="${REDIS_BENCH_N:-600000}" rps
  port=$(free_port)
  "$REDIS_EXE" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
  pid=$!
  STARTED_PIDS+=("$pid")
  for _ in $(seq 1 50); do env -u REDISCLI_AUTH redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.1; done
  for _ in $(seq 1 "${QUIET_MAX:-90}"); do machine_quiet && break; done
  sha=$(env -u REDISCLI_AUTH redis-cli -p "$port" SCRIPT LOAD "$(cat "$BENCH_DIR/minimal-admit.lua")")
  python3 "$CPU" snap "$WORK/ceiling-$label-0.json" "$pid"
  python3 "$CPU" run "$WORK/ceiling-$label-client.json" -- \
    redis-benchmark -p "$port" -c 50 -P 1 -n "$n" -r 100000000 -q \
    EVALSHA "$sha" 2 'm:{evt:bench}:applied' 'm:{evt:bench}:total' 'u:__rand_int__' 1000000000 \
    | tr '\r' '\n' | grep 'requests per second' | tail -1 >"$WORK/ceiling-$label.txt"
  python3 "$CPU" snap "$WORK/ceiling-$label-1.json" "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rps=$(sed 's/.*: \([0-9.]*\) requests per second.*/\1/' "$WORK/ceiling-$label.txt")
  row "$(python3 "$CPU" report "$WORK/ceiling-$label-0.json" "$WORK/ceiling-$label-1.json" \
    "$WORK/ceiling-$label-client.json" "$n" "$rps" "$label")"
}

# http <label> <base-url> <eventId> <pid> [groups]: WARM s unmeasured, then MEASURE s measured; with
# "groups" also the CPU of each thread group of the FirstCome server (bench/cpu-snapshot.py)
http() {
  local label="$1" url="$2" event="$3" pid="$4" groups="${5:-}" requests rps
  wrk -t2 -c64 -d"${WARM}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$url" -- "$event" "cw$RANDOM" >/dev/null
  python3 "$CPU" snap "$WORK/ceiling-$label-0.json" "$pid"
  [[ -n "$groups" ]] && python3 "$BENCH_DIR/cpu-snapshot.py" snap "$pid" 0 "$WORK/ceiling-groups-0.json"
  python3 "$CPU" run "$WORK/ceiling-$label-client.json" -- \
    wrk -t2 -c64 -d"${MEASURE}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$url" -- "$event" "cm$RANDOM" \
    >"$WORK/wrk-ceiling-$label.txt"
  python3 "$CPU" snap "$WORK/ceiling-$label-1.json" "$pid"
  [[ -n "$groups" ]] && python3 "$BENCH_DIR/cpu-snapshot.py" snap "$pid" 0 "$WORK/ceiling-groups-1.json"
  grep -q 'other=0$' "$WORK/wrk-ceiling-$label.txt" && grep -q ' 409=0 503=0 ' "$WORK/wrk-ceiling-$label.txt" \
    || { echo "$label: not every answer was a 201:" >&2; cat "$WORK/wrk-ceiling-$label.txt" >&2; exit 1; }
  requests=$(sed -n 's/^answers: 201=\([0-9]*\) .*/\1/p' "$WORK/wrk-ceiling-$label.txt")
  rps=$(wrk_rps ceiling-"$label")
  row "$(python3 "$CPU" report "$WORK/ceiling-$label-0.json" "$WORK/ceiling-$label-1.json" \
    "$WORK/ceiling-$label-client.json" "$requests" "$rps" "$label") $(wrk_p99 ceiling-"$label") ms |"
  if [[ -n "$groups" ]]; then
    python3 "$BENCH_DIR/cpu-snapshot.py" report "$WORK/ceiling-groups-0.json" "$WORK/ceiling-groups-1.json" "$requests" \
      | sed 's/coupon/request/g' >"$WORK/ceiling-groups.txt"
  fi
}

minimal "minimal script (before)"
echo

# HAProxy: a constant 201 with the apply answer's body, two threads (one per core)
port=$(free_port)
cat >"$WORK/ceiling-haproxy.cfg" <<CFG
global
  nbthread $(nproc)
  maxconn 4096
defaults
  mode http
  timeout client 30s
  timeout connect 5s
  timeout server 30s
frontend ceiling
  bind 127.0.0.1:$port
  http-request return status 201 content-type application/json string '{"outcome":"ISSUED","eventId":1000000000001,"userId":"ceiling-t0-1000000","rank":1000000}'
CFG
haproxy -f "$WORK/ceiling-haproxy.cfg" -db >"$WORK/ceiling-haproxy.log" 2>&1 &
hpid=$!
STARTED_PIDS+=("$hpid")
await_port "$port"
http "HAProxy, constant 201" "http://127.0.0.1:$port" 1 "$hpid"
kill "$hpid"; wait "$hpid" 2>/dev/null || true

# the apply server's Netty pipeline with a constant 201, from the server jar's own libraries
port=$(free_port)
"$JAVA" -Xms512m -Xmx512m -cp "$extracted/lib/*" "$BENCH_DIR/ceiling/CeilingServer.java" "$port" \
  >"$WORK/ceiling-netty.log" 2>&1 &
npid=$!
STARTED_PIDS+=("$npid")
await_port "$port"
http "Netty (the apply server's pipeline), constant 201" "http://127.0.0.1:$port" 1 "$npid"
kill "$npid"; wait "$npid" 2>/dev/null || true

if [[ "${SKIP_APPLY:-0}" != 1 ]]; then
  start_server ceiling-applyonly -Dspring.kafka.listener.auto-startup=false
  event=$(create_event '"totalQuantity":100000000')
  echo "FirstCome apply-only: ${LOAD}s at load (unmeasured)"
  wrk -t2 -c64 -d"${LOAD}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$APPLY_BASE" -- "$event" "load-$RANDOM" >/dev/null
  http "FirstCome apply-only node, warm" "$APPLY_BASE" "$event" "$SERVER_PID" groups
  stop_server
fi
echo
minimal "minimal script (after)"

{
  echo
  echo "| server | requests/s | server µs/request | client µs/request | machine µs/request | machine idle | p99 |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for r in "${ROWS[@]}"; do
    [[ "$r" == *"minimal script"* ]] && echo "$r - |" || echo "$r"
  done
  echo
  python3 - "${ROWS[@]}" <<'PY'
import sys
rows = [[c.strip() for c in r.strip('|').split('|')] for r in sys.argv[1:]]
rate = {r[0]: float(r[1].replace(',', '')) for r in rows}
base = rate['minimal script (before)']
for name, value in rate.items():
    if not name.startswith('minimal'):
        print(f"ratio {name}: {value / base:.3f} of the minimal script (before); {value / rate['minimal script (after)']:.3f} of it after")
PY
  if [[ -f "$WORK/ceiling-groups.txt" ]]; then
    echo
    echo "FirstCome apply-only node, warm, by thread group (the measured window):"
    cat "$WORK/ceiling-groups.txt"
  fi
} | tee -a "$OUT"
