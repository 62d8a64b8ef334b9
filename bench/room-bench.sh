#!/usr/bin/env bash
# The waiting room with 100,000 visitors (docs/benchmarks.md, "Waiting room"): one headless server on the
# embedded defaults, abuse limits off (every request comes from 127.0.0.1), an event whose room is FIFO
# with an outflow of 10 a second (so nearly everyone keeps waiting); 100,000 joins (wrk, 64 connections),
# then polls of random tickets among the 100,000 at full speed for POLL_SECONDS (wrk, 64 connections).
# The demand: every visitor polls at its advised interval (pollAfterMillis: a tenth of its ETA, 1 s to 60 s),
# measured on a sample of 2,000 tickets spread over the line: demand = visitors x mean(1 / pollAfter). The
# poll throughput measured at saturation says whether one server holds that. Also: Redis memory of the queue.
# usage: bench/room-bench.sh     env: VISITORS=100000 POLL_SECONDS=30
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

VISITORS="${VISITORS:-100000}"
POLL_SECONDS="${POLL_SECONDS:-30}"
SUMMARY="$WORK/room-summary.txt"
machine | tee "$SUMMARY"

start_server room -Dfirstcome.waiting-room.limits.enabled=false
rport=$(redis_port room)
mem_before=$(redis-cli -p "$rport" INFO memory | awk -F: '/^used_memory:/{print $2}' | tr -d '\r')
event=$(create_event '"totalQuantity":1000,"waitingRoom":{"mode":"FIFO","outflowPerSecond":10}')
users_key="fc:{evt:$event}:q:users"

t0=$(date +%s.%N)
while :; do
  joined=$(redis-cli -p "$rport" HLEN "$users_key" | tr -d '\r')
  ((joined >= VISITORS)) && break
  wrk -t2 -c64 -d15s --timeout 10s -s "$BENCH_DIR/room-join.lua" "$BASE" -- "$event" $((VISITORS / 2)) \
    | tee -a "$WORK/wrk-room-join.txt" | grep -E 'Requests/sec|Non-2xx' || true
done
t1=$(date +%s.%N)
mem_after=$(redis-cli -p "$rport" INFO memory | awk -F: '/^used_memory:/{print $2}' | tr -d '\r')
redis-cli -p "$rport" HVALS "$users_key" | tr -d '\r' >"$WORK/room-tickets.txt"
echo "joined: $(wc -l <"$WORK/room-tickets.txt") visitors in $(python3 -c "print(round($t1 - $t0, 1))") s" | tee -a "$SUMMARY"
echo "redis memory of the queue: $(( (mem_after - mem_before) / 1024 / 1024 )) MiB ($(( (mem_after - mem_before) / VISITORS )) bytes a visitor)" | tee -a "$SUMMARY"

# the polls 100,000 visitors make at the advised interval: each ticket's own pollAfterMillis, sampled
python3 - "$BASE" "$event" "$WORK/room-tickets.txt" <<'PY' | tee -a "$SUMMARY"
import json, random, sys, urllib.request
base, event, path = sys.argv[1], sys.argv[2], sys.argv[3]
tickets = [t.strip() for t in open(path) if t.strip()]
sample = random.Random(7).sample(tickets, min(2000, len(tickets)))
rate, advised = 0.0, []
waiting = 0
for t in sample:
    ticket = json.load(urllib.request.urlopen(f"{base}/api/events/{event}/queue/{t}"))
    if ticket["status"] not in ("WAITING", "PREQUEUE"):
        continue  # its turn came (it applies, then stops polling) or it is closed
    waiting += 1
    after = ticket["pollAfterMillis"]
    advised.append(after)
    rate += 1000.0 / after
demand = rate / len(sample) * len(tickets)  # the others are counted as polling nothing
advised.sort()
print(f"advised pollAfterMillis over {waiting} waiting tickets of {len(sample)} sampled: min {advised[0]} median {advised[len(advised) // 2]} max {advised[-1]}")
print(f"demand at the advised interval: {demand:.0f} polls/s for {len(tickets)} visitors")
PY

echo "polls, 64 connections, ${POLL_SECONDS}s:" | tee -a "$SUMMARY"
wrk -t2 -c64 -d"${POLL_SECONDS}s" --timeout 10s -s "$BENCH_DIR/room-poll.lua" "$BASE" -- "$event" "$WORK/room-tickets.txt" \
  | tee "$WORK/wrk-room-poll.txt" | grep -E '^(throughput|latency|errors):' | tee -a "$SUMMARY"
sample=$(head -1 "$WORK/room-tickets.txt")
echo "a ticket far back: $(curl -s "$BASE/api/events/$event/queue/$sample")" | tee -a "$SUMMARY"
curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/events/$event/queue" | tee -a "$SUMMARY"
echo | tee -a "$SUMMARY"
stop_server
