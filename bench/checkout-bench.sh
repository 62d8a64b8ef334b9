#!/usr/bin/env bash
# Checkout (issue 16): orders per second through the whole flow (created -> stock -> coupon -> payment ->
# shipment, each step its own consumer group on Kafka) and how far each step's group lags at that rate.
# A fresh server on the embedded defaults (payment gateway: no latency, no declines unless PAYMENT_LATENCY /
# PAYMENT_FAILURE_RATE say otherwise); wrk places one-unit orders of one SKU for DURATION s (CONNECTIONS
# connections, a new customer each) after a WARMUP s warm-up; a sampler reads the orders per state and the
# groups' lag every second; then the flow drains. Figures: placed/s and its p50/p99 (the HTTP answer: the
# order is CREATED), shipped/s while placing, the time to drain, each group's highest lag.
# usage: DURATION=30 WARMUP=10 CONNECTIONS=16 bash bench/checkout-bench.sh
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-16}"

admin() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

# SERVER_OPTS: more JVM options for the server (e.g. -Dfirstcome.redemption.outbox-threads=8)
read -r -a server_opts <<<"${SERVER_OPTS:-}"
start_server checkout \
  "-Dfirstcome.orders.payment-latency=${PAYMENT_LATENCY:-0ms}" \
  "-Dfirstcome.orders.payment-failure-rate=${PAYMENT_FAILURE_RATE:-0}" "${server_opts[@]}"
sku="bench-$RANDOM"
admin -X PUT -d '{"stock":1000000000,"price":1000}' "$BASE/api/admin/stock/$sku" >/dev/null

wait_drained() {
  for _ in $(seq 1 1800); do
    open=$(admin "$BASE/api/admin/orders/counts" \
      | python3 -c "import json,sys; c=json.load(sys.stdin); print(sum(v for k, v in c.items() if k not in ('SHIPPED','FAILED')))")
    ((open == 0)) && return 0
    sleep 0.2
  done
  echo "not drained after 6 minutes" >&2
  return 1
}

wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/order.lua" "$BASE" -- "$sku" "warm$RANDOM" \
  | grep -E '^(answers|throughput)' | sed 's/^/warm-up /'
wait_drained
before=$(admin "$BASE/api/admin/orders/counts" | python3 -c "import json,sys; print(json.load(sys.stdin).get('SHIPPED',0))")

python3 "$BENCH_DIR/checkout-sample.py" "$BASE" "$TOKEN" "$WORK/checkout-samples.csv" 2>"$WORK/checkout-sampler.log" &
SAMPLER=$!
STARTED_PIDS+=("$SAMPLER")
t0=$(date +%s.%N)
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH_DIR/order.lua" "$BASE" -- "$sku" "run$RANDOM" \
  | tee "$WORK/wrk-checkout.txt"
t1=$(date +%s.%N)
shipped_at_end=$(admin "$BASE/api/admin/orders/counts" | python3 -c "import json,sys; print(json.load(sys.stdin).get('SHIPPED',0))")
wait_drained
t2=$(date +%s.%N)
sleep 6 # one more lag reading (the server caches the groups' lag 5 s)
kill "$SAMPLER" 2>/dev/null || true
after=$(admin "$BASE/api/admin/orders/counts" | python3 -c "import json,sys; print(json.load(sys.stdin).get('SHIPPED',0))")
failed=$(admin "$BASE/api/admin/orders/counts" | python3 -c "import json,sys; print(json.load(sys.stdin).get('FAILED',0))")
stop_server

python3 - "$WORK/checkout-samples.csv" "$WORK/wrk-checkout.txt" "$t0" "$t1" "$t2" "$before" "$shipped_at_end" "$after" "$failed" <<'PY'
import csv, re, sys
samples, wrk, t0, t1, t2, before, at_end, after, failed = sys.argv[1:10]
t0, t1, t2 = float(t0), float(t1), float(t2)
before, at_end, after = int(before), int(at_end), int(after)
text = open(wrk).read()
placed = int(re.search(r"answers: 201=(\d+)", text).group(1))
rps = float(re.search(r"throughput: ([\d.]+)", text).group(1))
p50, p99 = re.search(r"p50=([\d.]+)ms.*p99=([\d.]+)ms", text).groups()
rows = list(csv.DictReader(open(samples)))
groups = [k for k in rows[0].keys() if k not in ("t", "shipped", "failed", "open", "outbox")] if rows else []
peak = {g: max(int(r[g]) for r in rows) for g in groups}
print()
print(f"placed: {placed} orders in {t1 - t0:.1f} s = {rps:.0f} orders/s (answer p50 {p50} ms, p99 {p99} ms)")
print(f"shipped while placing: {at_end - before} = {(at_end - before) / (t1 - t0):.0f} orders/s")
print(f"shipped in all: {after - before} of {placed} placed (failed in all, warm-up included: {failed}); "
      f"the flow drained {t2 - t1:.1f} s after the last order: {(after - before) / (t2 - t0):.0f} orders/s end to end")
print("highest lag per group (records; read every 5 s): " + ", ".join(f"{g} {peak[g]}" for g in groups)
      + f"; highest outbox backlog (unsent events): {max(int(r['outbox']) for r in rows)}")
print("lag every 5 s (t s: " + ", ".join(groups) + "):")
last = None
for r in rows:
    values = tuple(r[g] for g in groups)
    if values != last:
        print(f"  {r['t']}: " + " ".join(values)
              + f"  (shipped {int(r['shipped']) - before}, open {r['open']}, outbox {r['outbox']})")
        last = values
PY
