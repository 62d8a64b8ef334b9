#!/usr/bin/env bash
# Shared helpers of the FirstCome benchmarks. Source it; every process started here is stopped by
# stop_started (called from an EXIT trap by the scripts).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/app-backend/target/firstcome-server.jar"
WORK="${FIRSTCOME_BENCH_WORK:-$ROOT/bench/work}"
PORT="${FIRSTCOME_BENCH_PORT:-18080}"
TOKEN="${FIRSTCOME_BENCH_TOKEN:-bench-token}"
APPLY_PORT="${FIRSTCOME_BENCH_APPLY_PORT:-18081}"
BASE="http://127.0.0.1:$PORT"
# where wrk sends the applies: the apply server (APPLY_TARGET=main: the main HTTP port's servlet path)
if [[ "${APPLY_TARGET:-apply-server}" == main ]]; then APPLY_BASE="$BASE"; else APPLY_BASE="http://127.0.0.1:$APPLY_PORT"; fi
STARTED_PIDS=()

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
    echo "$JAVA_HOME/bin/java"
  elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    echo "JDK 25 not found: set JAVA_HOME" >&2
    exit 1
  fi
}
JAVA="$(java_bin)"

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v redis-benchmark >/dev/null || missing+=(redis-tools)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  if ((${#missing[@]})); then
    apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }
  fi
}

ensure_jar() {
  if [[ ! -f "$JAR" ]]; then
    (cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests -pl app-backend -am package)
  fi
}

# start_server <name> [extra java options...]: a fresh headless server on the embedded defaults.
start_server() {
  local name="$1"; shift
  local data="$WORK/$name-data"
  rm -rf "$data"; mkdir -p "$data"
  for _ in $(seq 1 120); do
    ss -ltn "sport = :$PORT" | grep -q LISTEN || break
    sleep 0.5
  done
  if ss -ltn "sport = :$PORT" | grep -q LISTEN; then
    echo "port $PORT is still in use" >&2
    return 1
  fi
  local t0; t0=$(date +%s.%N)
  # the heap of ./server (fixed 2 GB; BENCH_HEAP to compare, e.g. "-Xmx2g" as before 2026-11-28)
  local heap; read -r -a heap <<<"${BENCH_HEAP:--Xms2g -Xmx2g}"
  FIRSTCOME_HTTP_PORT="$PORT" "$JAVA" "${heap[@]}" "$@" \
    -Dfirstcome.apply-server.port="$APPLY_PORT" -Dfirstcome.data-dir="$data" -Dfirstcome.admin-token="$TOKEN" \
    -jar "${SERVER_JAR:-$JAR}" \
    >"$WORK/$name-server.log" 2>&1 &
  SERVER_PID=$!
  STARTED_PIDS+=("$SERVER_PID")
  # BENCH_START_SECONDS (150): how long to wait for UP (a busy shared machine may need more)
  for _ in $(seq 1 $((${BENCH_START_SECONDS:-150} * 2))); do
    if curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/actuator/health" >"$WORK/$name-health.json" 2>/dev/null; then
      SERVER_UP_SECONDS=$(python3 -c "import time; print(round(time.time() - $t0, 1))")
      echo "server $name UP after ${SERVER_UP_SECONDS}s (pid $SERVER_PID)"
      # the embedded Redis asks for the data directory's password: redis-cli reads it from REDISCLI_AUTH
      if [[ -f "$data/embedded-servers.password" ]]; then
        REDISCLI_AUTH=$(<"$data/embedded-servers.password")
        export REDISCLI_AUTH
      else
        unset REDISCLI_AUTH
      fi
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server $name died; see $WORK/$name-server.log" >&2
      tail -20 "$WORK/$name-server.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "server $name not UP after ${BENCH_START_SECONDS:-150} s" >&2
  return 1
}

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 120); do
      # a child that exited stays a zombie until waited for: kill -0 alone would wait the full minute
      if ! kill -0 "$SERVER_PID" 2>/dev/null || [[ "$(awk '{print $3}' "/proc/$SERVER_PID/stat" 2>/dev/null)" == Z ]]; then
        break
      fi
      sleep 0.5
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

stop_started() {
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
}

# redis_port <name>: the embedded Redis port the server reports in its health details.
redis_port() {
  python3 -c "import json,sys; d=json.load(open('$WORK/$1-health.json')); print(d['components']['infrastructure']['details']['redis']['address'].rsplit(':',1)[1])"
}

# create_event <json-extra>: prints the id of a new event open from a minute ago for a day.
create_event() {
  local now start end
  now=$(date -u +%s)
  start=$(date -u -d @$((now - 60)) +%Y-%m-%dT%H:%M:%SZ)
  end=$(date -u -d @$((now + 86400)) +%Y-%m-%dT%H:%M:%SZ)
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"startsAt\":\"$start\",\"endsAt\":\"$end\",\"zoneId\":\"UTC\",$1}" \
    "$BASE/api/admin/events" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# wrk_run <label> <seconds> <eventId>: 64 connections, unique users; prints and keeps the summary.
wrk_run() {
  local label="$1" seconds="$2" event="$3"
  wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$APPLY_BASE" -- "$event" "$label-$RANDOM" \
    | tee "$WORK/wrk-$label.txt"
}

wrk_rps() { grep '^throughput:' "$WORK/wrk-$1.txt" | awk '{print $2}'; }
wrk_p99() { grep '^latency:' "$WORK/wrk-$1.txt" | sed 's/.*p99=\([0-9.]*\)ms.*/\1/'; }

# redis_bench <port>: EVALSHA of the production admit.lua, 50 connections, no pipelining, unique users.
redis_bench() {
  local port="$1" sha day
  sha=$(redis-cli -p "$port" SCRIPT LOAD "$(cat "$ROOT/app-backend/src/main/resources/scripts/admit.lua")")
  redis-cli -p "$port" HSET 'bench:{evt:bench}:meta' total 100000000 daily 0 paused 0 closed 0 >/dev/null
  day=$(date -u +%F)
  redis-benchmark -p "$port" ${REDISCLI_AUTH:+-a "$REDISCLI_AUTH"} -c 50 -P 1 -n "${REDIS_BENCH_N:-300000}" -r 100000000 -q \
    EVALSHA "$sha" 5 'bench:{evt:bench}:meta' 'bench:{evt:bench}:applied' 'bench:{evt:bench}:total' \
    "bench:{evt:bench}:day:$day" 'bench:{evt:bench}:seq' 'u:__rand_int__' "$day" "$(date +%s000)" 345600 \
    | tr '\r' '\n' | grep 'requests per second' | tail -1 | tee "$WORK/redis-benchmark.txt"
}

# quiesce <redis-port>: before the physical-limit measurement, let the server finish what the apply load
# left behind, so redis-benchmark does not share the CPU with it: the persist backlog (when consumers
# run: pipeline lag 0, bounded) and an AOF rewrite of the embedded Redis (bounded), then one explicit
# rewrite so none starts during the benchmark.
# machine_quiet: true when the machine was at least 85 % idle over the next 2 s
machine_quiet() {
  python3 - <<'PY'
import sys, time
def snap():
    f = [int(x) for x in open('/proc/stat').readline().split()[1:]]
    return f[3] + f[4], sum(f)
i0, t0 = snap(); time.sleep(2); i1, t1 = snap()
sys.exit(0 if (i1 - i0) / max(1, t1 - t0) >= 0.85 else 1)
PY
}

quiesce() {
  local port="$1"
  for _ in $(seq 1 240); do
    curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/pipeline" 2>/dev/null \
      | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["totalLag"] == 0 else 1)' && break
    [[ "${QUIESCE_DRAIN:-yes}" == no ]] && break
    sleep 0.5
  done
  for _ in $(seq 1 240); do
    redis-cli -p "$port" INFO persistence | grep -q '^aof_rewrite_in_progress:0' && break
    sleep 0.5
  done
  # then compact the AOF now: otherwise redis-benchmark's own writes, on top of what the load left, can
  # push it past the automatic-rewrite threshold (twice its size after the last rewrite), and the
  # rewrite's forked child then shares the 2 cores with the benchmark and lowers the denominator
  # and until the machine is quiet (at least 85 % idle over 2 s, bounded): the notifications consumer may
  # still be working through its backlog, PostgreSQL may be vacuuming the rows the load left
  local waited=0
  for _ in $(seq 1 90); do
    machine_quiet && break
    waited=$((waited + 2))
  done
  echo "quiesce: the machine was busy for another ${waited}s after the load" >&2
  if redis-cli -p "$port" INFO persistence | grep -q '^aof_enabled:1'; then
    redis-cli -p "$port" BGREWRITEAOF >/dev/null
    sleep 1
    for _ in $(seq 1 240); do
      redis-cli -p "$port" INFO persistence | grep -q '^aof_rewrite_in_progress:0' && break
      sleep 0.5
    done
  fi
}

redis_rps() { sed 's/.*: \([0-9.]*\) requests per second.*/\1/' "$WORK/redis-benchmark.txt"; }

machine() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# warm_up <users>: the readiness warm-up through the admin API; waits for its result.
warm_up() {
  local users="$1"
  local t0 id; t0=$(date +%s.%N)
  id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"users\":$users}" "$BASE/api/admin/rush/warmup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rushId"])')
  until curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/rush/$id" \
      | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["result"] else 1)'; do
    sleep 1
  done
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/rush/$id" >"$WORK/warmup-result.json"
  echo "warm-up of $users users took $(python3 -c "import time; print(round(time.time() - $t0, 1))") s" | tee -a "${SUMMARY:-/dev/null}"
  # a warm-up runs minutes before the event opens: its admissions are persisted by then (on an apply-only
  # node, WARMUP_DRAIN=no, by the consumers elsewhere)
  [[ "${WARMUP_DRAIN:-yes}" == no ]] && return 0
  local t1; t1=$(date +%s.%N)
  for _ in $(seq 1 240); do
    curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/pipeline" \
      | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["totalLag"] == 0 else 1)' && break
    sleep 0.5
  done
  echo "its admissions were persisted $(python3 -c "import time; print(round(time.time() - $t1, 1))") s later" | tee -a "${SUMMARY:-/dev/null}"
}

# await_aot_cache <name>: with -XX:AOTCacheOutput the exiting JVM hands the cache creation to a
# child JVM that may outlive it; wait (bounded) until the server log says the cache is complete.
await_aot_cache() {
  for _ in $(seq 1 360); do
    grep -q 'AOTCache creation is complete' "$WORK/$1-server.log" && return 0
    sleep 0.5
  done
  echo "AOT cache of $1 not complete after 180 s; see $WORK/$1-server.log" >&2
  return 1
}

# embedded_redis_exe: the redis-server binary the running server started (argv[0], not /proc/<pid>/exe:
# Debian's redis-server is a link to a multi-call binary); call it before stop_server
embedded_redis_exe() {
  tr '\0' '\n' <"/proc/$(pgrep -P "$SERVER_PID" redis-server | head -1)/cmdline" | head -1 | awk '{print $1}'
}

# minimal_bench <redis_exe>: the denominator that does not depend on FirstCome's own script (issue 19):
# redis-benchmark, EVALSHA of bench/minimal-admit.lua (SISMEMBER, GET, SADD, INCR), 50 connections, no
# pipelining, on a second redis-server of the same binary WITHOUT persistence, once the machine is quiet;
# prints the requests per second. Call it after stop_server.
minimal_bench() {
  local exe="$1" port pid sha rps
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$exe" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
  pid=$!
  for _ in $(seq 1 50); do env -u REDISCLI_AUTH redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.1; done
  for _ in $(seq 1 "${QUIET_MAX:-90}"); do
    machine_quiet && break
  done
  sha=$(env -u REDISCLI_AUTH redis-cli -p "$port" SCRIPT LOAD "$(cat "$BENCH_DIR/minimal-admit.lua")")
  rps=$(redis-benchmark -p "$port" -c 50 -P 1 -n "${REDIS_BENCH_N:-300000}" -r 100000000 -q \
    EVALSHA "$sha" 2 'm:{evt:bench}:applied' 'm:{evt:bench}:total' 'u:__rand_int__' 1000000000 \
    | tr '\r' '\n' | grep 'requests per second' | tail -1 | sed 's/.*: \([0-9.]*\) requests per second.*/\1/')
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  echo "$rps"
}
