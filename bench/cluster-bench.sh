#!/usr/bin/env bash
# Issue 14's benchmarks on the cluster topology (./cluster up: Redis Cluster 3+3, 3 KRaft brokers,
# PostgreSQL, N servers, HAProxy; docs/deployment.md), all on this machine:
#   two    2 servers behind HAProxy (the default topology: WAIT 1, Kafka factor 3); measured through
#          HAProxy's apply port, then on server 1's own apply port (one server, its neighbour idle)
#   one    1 server behind HAProxy (same settings); measured through HAProxy, then on its own apply port
#   acks0  as `two` with FIRSTCOME_REDIS_REPLICA_ACKS=0 (no WAIT) instead of 1
#   rf1    as `two` with FIRSTCOME_KAFKA_REPLICATION_FACTOR=1 instead of 3
# Each configuration is a fresh topology (its own FIRSTCOME_CLUSTER_DIR: new Redis, brokers, database),
# one event of 100,000,000 coupons (never sold out: every answer a 201), then wrk -t2 -c64 with a unique
# user per request (bench/apply.lua): WARMUP_SECONDS of warm-up through HAProxy, then MEASURE_SECONDS
# measured per target, in the order HAProxy, server 1's own apply port, HAProxy again (the servers are
# still warming up: throughput grows from one window to the next, so the two HAProxy windows bracket it).
# The denominator, in the same run after the load (persist backlog drained, bounded): redis-benchmark
# EVALSHA of bench/minimal-admit.lua (SISMEMBER, GET, SADD, INCR), 50 connections, no pipelining, on the
# master that owns the event's slot (keys bench:{evt:<id>}:*, the cluster's password).
# usage: bench/cluster-bench.sh [two] [acks0] [rf1] [one]      (default: all four, in that order)
# env:   WARMUP_SECONDS=60 MEASURE_SECONDS=20 CLUSTER_BENCH_MAIN_PORT=28080 CLUSTER_BENCH_APPLY_PORT=28081
#        CLUSTER_BENCH_DIR=/tmp/firstcome-cluster-bench (one subdirectory per configuration, wiped first)
#        KEEP_UP=1 leaves the last topology running (./cluster down with its FIRSTCOME_CLUSTER_DIR stops it)
#        acks1 and rf3 are `two` with the setting explicit (to alternate: bench/cluster-bench.sh acks0 acks1)
# Output: bench/work/cluster-summary.txt (one line per measurement), wrk outputs in bench/work/cluster-*.
source "$(dirname "$0")/lib.sh"
ensure_tools
mkdir -p "$WORK"

WARMUP="${WARMUP_SECONDS:-60}"
MEASURE="${MEASURE_SECONDS:-20}"
MAIN_PORT="${CLUSTER_BENCH_MAIN_PORT:-28080}"
HA_APPLY_PORT="${CLUSTER_BENCH_APPLY_PORT:-28081}"
BENCH_ROOT_DIR="${CLUSTER_BENCH_DIR:-/tmp/firstcome-cluster-bench}"
CONFIGS=("$@")
((${#CONFIGS[@]})) || CONFIGS=(two acks0 rf1 one)
SUMMARY="$WORK/cluster-summary.txt"
CURRENT_DIR=""

# pg_home <cluster dir>: where the embedded PostgreSQL keeps its data; as root not under the directory but
# under /var/tmp, in a directory with a random name that the link <dir>/postgres/postgres records
# (EmbeddedPostgresServer.home), where wiping the directory would leave the last run's rows
pg_home() {
  if [[ "$(id -u)" == 0 ]]; then
    if [[ -L "$1/postgres/postgres" ]]; then readlink "$1/postgres/postgres"; fi
  else
    echo "$1/postgres"
  fi
}

cluster_down() {
  if [[ -n "$CURRENT_DIR" ]]; then
    FIRSTCOME_CLUSTER_DIR="$CURRENT_DIR" "$ROOT/cluster" down || true
    rm -rf "$(pg_home "$CURRENT_DIR")"
    CURRENT_DIR=""
  fi
}
trap '[[ "${KEEP_UP:-}" == 1 ]] || cluster_down' EXIT

# cluster_up <config> <servers> [VAR=value...]: a fresh topology with those FIRSTCOME_* settings.
cluster_up() {
  local config="$1" servers="$2"; shift 2
  local dir="$BENCH_ROOT_DIR/$config"
  rm -rf "$dir" "$(pg_home "$dir")"; mkdir -p "$dir"
  # the admin token every server runs with (./cluster keeps it in the directory)
  (umask 077; python3 -c 'import secrets; print("fc_" + secrets.token_hex(24))' >"$dir/admin-token")
  CURRENT_DIR="$dir"
  local t0; t0=$(date +%s)
  # the launcher's environment is every server's: the settings under test go there, nothing else
  env -u FIRSTCOME_REDIS_REPLICA_ACKS -u FIRSTCOME_KAFKA_REPLICATION_FACTOR "$@" FIRSTCOME_CLUSTER_DIR="$dir" \
    "$ROOT/cluster" up --servers "$servers" --main-port "$MAIN_PORT" --apply-port "$HA_APPLY_PORT" \
    >"$WORK/cluster-$config-up.txt"
  echo "$config: ./cluster up --servers $servers ${*:-(defaults)}: up after $(($(date +%s) - t0)) s" | tee -a "$SUMMARY"
  TOKEN=$(<"$dir/admin-token")
  BASE="http://127.0.0.1:$MAIN_PORT"
  REDIS_PASSWORD=$(sed -n 's/^FIRSTCOME_REDIS_PASSWORD=//p' "$dir/cluster.env")
  REDIS_NODES=$(sed -n 's/^FIRSTCOME_REDIS_CLUSTER_NODES=//p' "$dir/cluster.env")
  SERVER1_APPLY=$(sed -n 's/^server 1: .*(apply \(http[^)]*\)).*/\1/p' "$dir/cluster.txt")
  # what the servers report: the replica acknowledgement and the Kafka factor actually in force
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/actuator/health" >"$WORK/cluster-$config-health.json" || true
  python3 - "$WORK/cluster-$config-health.json" <<'PY' | tee -a "$SUMMARY"
import json, sys
def walk(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + "/" + k)
    elif isinstance(node, str) and ("replica acks" in node or "replication factor" in node):
        yield node
try:
    for line in walk(json.load(open(sys.argv[1]))):
        print("  health: " + line)
except Exception as e:
    print("  health: unreadable (%s)" % e)
PY
}

# slot_master <key>: host:port of the master serving the key's slot.
slot_master() {
  local any="${REDIS_NODES%%,*}"
  local slot; slot=$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h "${any%:*}" -p "${any#*:}" CLUSTER KEYSLOT "$1")
  REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h "${any%:*}" -p "${any#*:}" CLUSTER NODES | python3 -c '
import sys
slot = int(sys.argv[1])
for line in sys.stdin:
    f = line.split()
    if "master" not in f[2].split(",") or "fail" in f[2]:
        continue
    for r in f[8:]:
        if r.startswith("["):
            continue
        lo, _, hi = r.partition("-")
        if int(lo) <= slot <= int(hi or lo):
            print(f[1].split("@")[0]); sys.exit(0)
sys.exit(1)' "$slot"
}

# measure <config> <label> <url> <event> <seconds>: wrk -t2 -c64, unique users; one summary line.
measure() {
  local config="$1" label="$2" url="$3" event="$4" seconds="$5"
  local out="$WORK/cluster-$config-$label.txt"
  wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$url" -- "$event" "$config-$label-$RANDOM" >"$out"
  python3 - "$out" "$config" "$label" "$url" <<'PY' | tee -a "$SUMMARY"
import re, sys
text = open(sys.argv[1]).read()
rps = re.search(r"^throughput: ([0-9.]+)", text, re.M)
lat = re.search(r"^latency: p50=([0-9.]+)ms p90=([0-9.]+)ms p99=([0-9.]+)ms max=([0-9.]+)ms", text, re.M)
ans = re.search(r"^answers: (.*)$", text, re.M)
err = re.search(r"Socket errors: (.*)$", text, re.M)
print("%-6s %-14s %s: %s req/s, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms; %s%s" % (
    sys.argv[2], sys.argv[3], sys.argv[4], rps.group(1) if rps else "?",
    *(lat.groups() if lat else ("?",) * 4), ans.group(1) if ans else "answers ?",
    "; socket errors: " + err.group(1) if err else ""))
PY
}

# denominator <config> <event>: redis-benchmark EVALSHA minimal-admit.lua on the event's master.
denominator() {
  local config="$1" event="$2" node host port sha
  node=$(slot_master "{evt:$event}")
  host="${node%:*}"; port="${node#*:}"
  # the load's leftovers first (bounded): the persist backlog, an AOF rewrite in progress, a busy machine
  for _ in $(seq 1 60); do
    curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/pipeline" 2>/dev/null \
      | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["totalLag"] == 0 else 1)' && break
    sleep 0.5
  done
  local waited=0
  for _ in $(seq 1 "${QUIET_CHECKS:-5}"); do
    machine_quiet && break
    waited=$((waited + 2))
  done
  export REDISCLI_AUTH="$REDIS_PASSWORD"
  # what the load cost that master: script runs (one per admission batch) and WAITs, per apply
  redis-cli -h "$host" -p "$port" INFO commandstats | tr -d '\r' | python3 -c '
import re, sys
stats = {m.group(1): (int(m.group(2)), float(m.group(3))) for m in
         re.finditer(r"cmdstat_(\w+):calls=(\d+),usec=\d+,usec_per_call=([0-9.]+)", sys.stdin.read())}
applies = int(sys.argv[2])
ev, wt = stats.get("evalsha", (0, 0)), stats.get("wait", (0, 0))
print("%s on the master: %d EVALSHA (%.1f applies per script run, %.0f us each), %d WAIT (%.1f us each in Redis)"
      % (sys.argv[1], ev[0], applies / max(1, ev[0]), ev[1], wt[0], wt[1]))' "$config" "$(cat "$WORK"/cluster-"$config"-*.txt | sed -n 's/^answers: 201=\([0-9]*\).*/\1/p' | paste -sd+ | bc)" | tee -a "$SUMMARY"
  # one explicit AOF rewrite now, so that none starts during the benchmark
  redis-cli -h "$host" -p "$port" BGREWRITEAOF >/dev/null 2>&1 || true
  sleep 1
  for _ in $(seq 1 120); do
    redis-cli -h "$host" -p "$port" INFO persistence | grep -q '^aof_rewrite_in_progress:0' && break
    sleep 0.5
  done
  sha=$(redis-cli -h "$host" -p "$port" SCRIPT LOAD "$(cat "$BENCH_DIR/minimal-admit.lua")")
  redis-benchmark -h "$host" -p "$port" -a "$REDIS_PASSWORD" -c 50 -P 1 -n "${REDIS_BENCH_N:-300000}" -r 100000000 -q \
    EVALSHA "$sha" 2 "bench:{evt:$event}:applied" "bench:{evt:$event}:count" 'u:__rand_int__' 1000000000 2>/dev/null \
    | tr '\r' '\n' | grep 'requests per second' | tail -1 >"$WORK/cluster-$config-redis-benchmark.txt"
  unset REDISCLI_AUTH
  echo "$config denominator: redis-benchmark EVALSHA minimal-admit.lua on master $node (slot of {evt:$event}), 50 connections, no pipelining: $(sed 's/.*: \([0-9.]*\) requests per second.*/\1/' "$WORK/cluster-$config-redis-benchmark.txt") req/s (machine busy ${waited}s after the load)" | tee -a "$SUMMARY"
}

{
  echo "== bench/cluster-bench.sh ${CONFIGS[*]} (warm-up ${WARMUP}s, measured ${MEASURE}s per target)"
  machine
  echo "jar: $(cd "$ROOT" && git log -1 --format='%h %cd' --date=iso-strict 2>/dev/null)"
} | tee -a "$SUMMARY"

for config in "${CONFIGS[@]}"; do
  echo "-- $config, load average at its start: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M:%S) UTC)" | tee -a "$SUMMARY"
  case "$config" in
    two) cluster_up two 2 ;;
    one) cluster_up one 1 ;;
    acks0) cluster_up acks0 2 FIRSTCOME_REDIS_REPLICA_ACKS=0 ;;
    acks1) cluster_up acks1 2 FIRSTCOME_REDIS_REPLICA_ACKS=1 ;;
    rf1) cluster_up rf1 2 FIRSTCOME_KAFKA_REPLICATION_FACTOR=1 ;;
    rf3) cluster_up rf3 2 FIRSTCOME_KAFKA_REPLICATION_FACTOR=3 ;;
    *) echo "unknown configuration $config" >&2; exit 2 ;;
  esac
  event=$(create_event '"totalQuantity":100000000')
  ha="http://127.0.0.1:$HA_APPLY_PORT"
  wrk -t2 -c64 -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$ha" -- "$event" "$config-warmup-$RANDOM" \
    >"$WORK/cluster-$config-warmup.txt"
  echo "$config warm-up (${WARMUP}s through HAProxy): $(grep -E '^(throughput|answers)' "$WORK/cluster-$config-warmup.txt" | tr '\n' ' ')" | tee -a "$SUMMARY"
  measure "$config" haproxy "$ha" "$event" "$MEASURE"
  measure "$config" server1-direct "$SERVER1_APPLY" "$event" "$MEASURE"
  measure "$config" haproxy-again "$ha" "$event" "$MEASURE"
  denominator "$config" "$event"
  [[ "${KEEP_UP:-}" == 1 && "$config" == "${CONFIGS[-1]}" ]] || cluster_down
done
echo "summary in $SUMMARY"
