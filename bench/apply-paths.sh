#!/usr/bin/env bash
# Diagnostics behind docs/benchmarks.md "Where the time goes now": after LOAD_SECONDS (60) at load, 15 s
# each of ISSUED applies (Redis + Kafka acknowledgement), SOLD_OUT applies (Redis only) and ISSUED at 256
# connections, with the per-thread CPU split (bench/thread-cpu.py) during the ISSUED window.
# usage: bench/apply-paths.sh [extra java options...]
#   e.g. bench/apply-paths.sh -Dspring.kafka.listener.auto-startup=false   (an apply-only node)
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

start_server paths "$@"
issued=$(create_event '"totalQuantity":100000000')
sold=$(create_event '"totalQuantity":1')
wrk_run paths-load "${LOAD_SECONDS:-60}" "$issued" >/dev/null
wrk_run paths-issued 15 "$issued" >"$WORK/paths-issued.txt" &
issued_pid=$!
sleep 5
python3 "$BENCH_DIR/thread-cpu.py" 6
wait "$issued_pid"
grep -E '^(answers|latency|throughput)' "$WORK/paths-issued.txt"
wrk_run paths-soldout 15 "$sold" | grep -E '^(answers|latency|throughput)'
wrk -t2 -c256 -d15s --timeout 10s -s "$BENCH_DIR/apply.lua" "$APPLY_BASE" -- "$issued" "c256-$RANDOM" \
  | grep -E '^(answers|latency|throughput)'
stop_server
