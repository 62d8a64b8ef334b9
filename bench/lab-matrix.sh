#!/usr/bin/env bash
# The strategy lab's crash matrix (issue 18, docs/benchmarks.md): every strategy x {no fault, SIGTERM,
# SIGKILL, two workers}. Starts the headless server on the embedded defaults; each cell is one lab rush
# through POST /api/admin/rush whose strategy runs in worker JVMs the server starts from its own jar
# (sharing its Redis, Kafka and PostgreSQL); the fault strikes worker 1 at half the rush, with a restart.
# Prints one Markdown table (winners, oversold, duplicates, lost counts, phantom counts, answers lost in
# flight, req/s, p99, time until the worker answered again).
# usage: bench/lab-matrix.sh     env: USERS=2000 QUANTITY=500 CONCURRENCY=32 STRATEGIES=... CELLS="none SIGTERM SIGKILL two"
#        FLUSH_INTERVAL=1s (the jvm-buffered-* flush interval)
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_jar
mkdir -p "$WORK"

USERS="${USERS:-2000}"
QUANTITY="${QUANTITY:-500}"
CONCURRENCY="${CONCURRENCY:-32}"
STRATEGIES="${STRATEGIES:-lua,redis-incr-set,redis-incr-only,redis-set-scard,redis-lock,db-naive,db-count-then-insert,db-pessimistic,db-optimistic,db-atomic-update,jvm-synchronized,jvm-buffered-flush,jvm-buffered-graceful,jvm-buffered-wal,kafka-sequencer}"
CELLS="${CELLS:-none SIGTERM SIGKILL two}"
FLUSH_INTERVAL="${FLUSH_INTERVAL:-1s}"
OUT="$WORK/lab-matrix.md"

machine | tee "$OUT"
BENCH_HEAP="${BENCH_HEAP:--Xmx1g}" start_server lab-matrix -Dfirstcome.lab.flush-interval="$FLUSH_INTERVAL" \
  -Dfirstcome.lab.workers.max-heap=512m
warm_up 3000

request() { # <strategy> <cell>
  local workers=1 fault='{"kind":"none"}'
  case "$2" in
    none) ;;
    SIGTERM|SIGKILL) fault="{\"kind\":\"$2\",\"at\":0.5,\"restart\":true,\"worker\":1}" ;;
    two) workers=2 ;;
  esac
  printf '{"strategies":["%s"],"quantity":%d,"users":%d,"concurrency":%d,"repeatShare":0.1,"workers":%d,"fault":%s}' \
    "$1" "$QUANTITY" "$USERS" "$CONCURRENCY" "$workers" "$fault"
}

{
  echo
  echo "$USERS users (+10 % repeats), $QUANTITY coupons, concurrency $CONCURRENCY, flush interval $FLUSH_INTERVAL; faults strike worker 1 at 50 % and restart it"
  echo
  echo "| strategy | cell | winners | oversold | duplicates | counted | lost counts | phantom | lost in flight | unreachable | req/s | p99 (ms) | back after (s) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee -a "$OUT"

IFS=',' read -r -a names <<<"$STRATEGIES"
for strategy in "${names[@]}"; do
  for cell in $CELLS; do
    id=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "$(request "$strategy" "$cell")" "$BASE/api/admin/rush" | jq -r .rushId)
    for _ in $(seq 1 1200); do
      status=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/rush/$id")
      [[ "$(jq -r '.result != null' <<<"$status")" == true ]] && break
      sleep 1
    done
    jq -r --arg cell "$cell" '.result as $r | if ($r.reports | length) == 0 then
        "| \($r.request.strategies[0]) | \($cell) | failed: \($r.error) |||||||||||"
      else $r.reports[0] as $p | $p.crash as $c |
        "| \($p.strategy) | \($cell) | \($p.winners) | \($p.oversold) | \($p.duplicates) | \($c.counted // "—") | \($c.lostCounts) | \($c.phantomCounts) | \($c.lostInFlight) | \($c.unreachable) | \($p.throughputPerSecond | floor) | \($p.latency.p99Ms) | \(if $c.recoveryMillis == null then "—" else ($c.recoveryMillis / 100 | floor) / 10 end) |"
      end' <<<"$status" | tee -a "$OUT"
  done
done
stop_server
echo "table in $OUT"
