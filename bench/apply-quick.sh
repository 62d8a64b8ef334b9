#!/usr/bin/env bash
# A/B helper behind docs/benchmarks.md "group commit": one fresh server on the embedded defaults with the
# given java options, LOAD_SECONDS (60) at load, then 15 s measured with the CPU split per process and JVM
# thread (bench/thread-cpu.py) and the admission batch sizes (Prometheus). Alternate the variants: single
# runs on a shared 2-core machine vary by 20 %.
# usage: bench/apply-quick.sh <label> [java options...]
#   e.g. bench/apply-quick.sh batch1 -Dfirstcome.admission.max-batch=1 -Dspring.kafka.listener.auto-startup=false
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

label="${1:?usage: bench/apply-quick.sh <label> [java options...]}"
shift
machine
start_server "quick-$label" "$@"
event=$(create_event '"totalQuantity":100000000')
wrk_run "quick-$label-load" "${LOAD_SECONDS:-60}" "$event" >/dev/null
wrk_run "quick-$label" 15 "$event" >"$WORK/quick-$label.txt" &
measured=$!
sleep 3
python3 "$BENCH_DIR/thread-cpu.py" 10
wait "$measured"
echo "$label: $(grep '^throughput:' "$WORK/quick-$label.txt") $(grep '^latency:' "$WORK/quick-$label.txt")"
grep '^answers:' "$WORK/quick-$label.txt"
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/actuator/prometheus" | grep -E '^firstcome_admission_batch_applies_(count|sum|max)' || true
stop_server
