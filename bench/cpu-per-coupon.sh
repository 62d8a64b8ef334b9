#!/usr/bin/env bash
# CPU per coupon, end to end (issue 19): a fixed number of coupons through the all-in-one server at
# saturation, and the CPU each process and each server thread group spent on them, in microseconds per
# coupon: apply HTTP loops, Lettuce, the Kafka producer, the in-process broker, the issuance and
# notification consumers, JIT and GC, PostgreSQL, Redis, the load generator (wrk) and the kernel.
#
#   1. start the server (./server's JVM options, embedded defaults), warm it: WARM_SECONDS of load on a
#      separate event, drained, and the machine quiet again;
#   2. IDLE_SECONDS of the idle server: its background CPU rate (timers, Kafka housekeeping), subtracted
#      from the figures below;
#   3. the measured run: wrk -t2 -c64, unique users, on an event of exactly COUPONS coupons, stopped once
#      they are all admitted (the last fraction of a second answers SOLD_OUT); the count is the coupon rows
#      of the event afterwards; the accounting window ends once every coupon is persisted AND the machine
#      is quiet again (notifications are done);
#   4. the denominator that does not depend on FirstCome's own script: redis-benchmark, EVALSHA of
#      bench/minimal-admit.lua (SISMEMBER, GET, SADD, INCR), 50 connections, no pipelining, on a second
#      redis-server of the same binary WITHOUT persistence, in the same run, on the quiet machine.
# MODE=applyonly measures an apply-only node instead (Kafka consumers off; no drain, no persistence).
# usage: bench/cpu-per-coupon.sh        env: COUPONS=200000 WARM_SECONDS=60 WARM_COUPONS=100000 IDLE_SECONDS=10
#                                             MODE=all-in-one
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

COUPONS="${COUPONS:-200000}"
WARM_SECONDS="${WARM_SECONDS:-60}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
MODE="${MODE:-all-in-one}"
SNAP="$BENCH_DIR/cpu-snapshot.py"
SUMMARY="$WORK/cpu-per-coupon-summary.txt"
machine | tee "$SUMMARY"
echo "mode: $MODE, coupons: $COUPONS, warm-up load: ${WARM_SECONDS}s" | tee -a "$SUMMARY"

extra=()
[[ "$MODE" == applyonly ]] && extra=(-Dspring.kafka.listener.auto-startup=false)
start_server cpu "${extra[@]}"

drained_and_quiet() {
  if [[ "$MODE" != applyonly && "${1:-}" != machine-only ]]; then
    for _ in $(seq 1 600); do
      curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/pipeline" 2>/dev/null \
        | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["totalLag"] == 0 else 1)' && break
      sleep 0.5
    done
  fi
  # the notification consumer and PostgreSQL may still be working: wait until the machine is quiet
  # (at least 85 % idle over 2 s), bounded at 3 minutes (QUIET_MAX tries of 2 s)
  for _ in $(seq 1 "${QUIET_MAX:-90}"); do
    machine_quiet && return 0
  done
  echo "the machine did not become quiet in time: the figures include whatever else ran" | tee -a "$SUMMARY"
}

# 1. warm the JVM on a separate event; its WARM_COUPONS winners bound the backlog left to persist (the
#    rest of the warm-up answers SOLD_OUT, which still warms the HTTP path), so the machine gets quiet
warm_event=$(create_event "\"totalQuantity\":${WARM_COUPONS:-100000}")
wrk_run cpu-warm "$WARM_SECONDS" "$warm_event" >/dev/null
warm_rps=$(wrk_rps cpu-warm)
echo "warm-up load: $warm_rps req/s, p99 $(wrk_p99 cpu-warm) ms" | tee -a "$SUMMARY"
drained_and_quiet

# 2. the idle server's background rate
python3 "$SNAP" snap "$SERVER_PID" 0 "$WORK/cpu-idle-0.json"
sleep "$IDLE_SECONDS"
python3 "$SNAP" snap "$SERVER_PID" 0 "$WORK/cpu-idle-1.json"

# 3. the measured coupons: an event of exactly COUPONS coupons, and wrk stopped (SIGINT: it still prints
#    its report) as soon as they are all admitted, so the window holds these coupons and no more (the
#    load phase used to last COUPONS / warm-up rate, and a cold warm-up rate made it 2-3 times too long)
event=$(create_event "\"totalQuantity\":$COUPONS")
seconds=$(python3 -c "import math; print(min(900, max(10, math.ceil(5 * $COUPONS / max(1.0, $warm_rps)))))")
started=$(date +%s.%N)
wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$APPLY_BASE" -- "$event" "cpu-$RANDOM" \
  >"$WORK/wrk-cpu-run.txt" &
wrk_pid=$!
python3 "$SNAP" snap "$SERVER_PID" "$wrk_pid" "$WORK/cpu-run-0.json"
# wrk's own CPU is read just before it exits: sample it while it runs, keep the last reading
while kill -0 "$wrk_pid" 2>/dev/null; do
  python3 "$SNAP" snap "$SERVER_PID" "$wrk_pid" "$WORK/cpu-run-wrk.json" 2>/dev/null || true
  admitted=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/events/$event/stats" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["admitted"])' 2>/dev/null || echo 0)
  if (( admitted >= COUPONS )); then
    kill -INT "$wrk_pid" 2>/dev/null || true
    seconds=$(python3 -c "print(round($(date +%s.%N) - $started, 1))")
    break
  fi
  sleep 0.25
done
wait "$wrk_pid" || true
drained_and_quiet
python3 "$SNAP" snap "$SERVER_PID" 0 "$WORK/cpu-run-1.json"
# wrk has exited by now: carry its last reading into the final snapshot
python3 - "$WORK/cpu-run-wrk.json" "$WORK/cpu-run-1.json" <<'PY'
import json, sys
last, final = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for pid, row in last['processes'].items():
    if row[0] == 'wrk':
        final['processes'][pid] = row
json.dump(final, open(sys.argv[2], 'w'))
PY
rps=$(grep '^throughput:' "$WORK/wrk-cpu-run.txt" | awk '{print $2}')
p99=$(grep '^latency:' "$WORK/wrk-cpu-run.txt" | sed 's/.*p99=\([0-9.]*\)ms.*/\1/')
if [[ "$MODE" == applyonly ]]; then
  coupons=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/events/$event/stats" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["admitted"])')
else
  coupons=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/events/$event/stats" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["persisted"])')
fi
echo "measured run: ${seconds}s of load, $rps req/s, p99 $p99 ms, $coupons coupons" | tee -a "$SUMMARY"
python3 "$SNAP" report "$WORK/cpu-run-0.json" "$WORK/cpu-run-1.json" "$coupons" \
  "$WORK/cpu-idle-0.json" "$WORK/cpu-idle-1.json" | tee -a "$SUMMARY"

# 4. the denominator: the minimal script on a redis-server of the same binary without persistence
redis_exe=$(embedded_redis_exe)
stop_server
minimal=$(minimal_bench "$redis_exe")
echo "denominator: redis-benchmark EVALSHA minimal-admit.lua (50 connections, no pipelining, no persistence, $redis_exe): $minimal req/s" | tee -a "$SUMMARY"
python3 -c "print('ratio: warm-up load %.3f, measured run %.3f of the minimal script' % ($warm_rps/$minimal, $rps/$minimal))" | tee -a "$SUMMARY"
echo "summary in $SUMMARY"
