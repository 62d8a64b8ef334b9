#!/usr/bin/env bash
# Redemption, side by side in one run (issue 16): the ledger entry booked in the request's transaction
# (firstcome.redemption.settlement=SYNC) against the transactional outbox + Kafka + settlement consumer (OUTBOX,
# the default). For each: a fresh server on the embedded defaults, a vendor-funded event of COUPONS coupons
# issued to COUPONS users; wrk warms the server up on the first WARM_COUPONS of them (WARMUP s), then redeems
# each of the others once (CONNECTIONS connections, DURATION s); then how long after the last answer the
# vendor's balance holds every redemption (OUTBOX: the outbox and Kafka catching up).
# usage: COUPONS=20000 WARM_COUPONS=4000 WARMUP=10 DURATION=20 CONNECTIONS=32 bash bench/redemption-bench.sh
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"
COUPONS="${COUPONS:-20000}"
WARM_COUPONS="${WARM_COUPONS:-4000}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
MODES="${MODES:-SYNC OUTBOX}"

admin() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

declare -A RPS P50 P99 OK SETTLE
for mode in $MODES; do
  start_server "redeem-$mode" "-Dfirstcome.redemption.settlement=$mode"
  vendor=$(admin -d "{\"name\":\"bench-$mode-$RANDOM\",\"costPerRedemption\":300}" "$BASE/api/admin/vendors" | json '["id"]')
  event=$(create_event "\"totalQuantity\":$COUPONS,\"benefit\":{\"type\":\"FIXED\",\"amountOff\":1000},\"vendorId\":$vendor")
  python3 "$BENCH_DIR/redeem-setup.py" "$APPLY_BASE" "$BASE" "$event" "$COUPONS" "r$mode$RANDOM" "$WORK/coupons-$mode.txt"
  head -n "$WARM_COUPONS" "$WORK/coupons-$mode.txt" >"$WORK/coupons-$mode-warm.txt"
  tail -n +"$((WARM_COUPONS + 1))" "$WORK/coupons-$mode.txt" >"$WORK/coupons-$mode-run.txt"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/redeem.lua" "$BASE" -- "$WORK/coupons-$mode-warm.txt" \
    | grep -E '^(answers|throughput)' | sed 's/^/warm-up /'
  sleep 5 # let the settlement catch up with the warm-up
  warm=$(admin "$BASE/api/admin/vendors/$vendor/balance" | json '["redemptions"]')
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH_DIR/redeem.lua" "$BASE" -- "$WORK/coupons-$mode-run.txt" \
    | tee "$WORK/wrk-redeem-$mode.txt"
  t0=$(date +%s.%N)
  redeemed=$(sed -n 's/^answers: 200=\([0-9]*\).*/\1/p' "$WORK/wrk-redeem-$mode.txt")
  reused=$(sed -n 's/.*reused=\([0-9]*\).*/\1/p' "$WORK/wrk-redeem-$mode.txt")
  if ((reused > 0)); then
    echo "WARNING: $reused requests reused a coupon: raise COUPONS" >&2
  fi
  for _ in $(seq 1 600); do
    booked=$(($(admin "$BASE/api/admin/vendors/$vendor/balance" | json '["redemptions"]') - warm))
    ((booked >= redeemed)) && break
    sleep 0.2
  done
  SETTLE[$mode]=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
  echo "$mode: $booked of $redeemed redemptions booked ${SETTLE[$mode]} s after the last answer"
  RPS[$mode]=$(grep '^throughput:' "$WORK/wrk-redeem-$mode.txt" | awk '{print $2}')
  P50[$mode]=$(sed -n 's/.*p50=\([0-9.]*\)ms.*/\1/p' "$WORK/wrk-redeem-$mode.txt")
  P99[$mode]=$(sed -n 's/.*p99=\([0-9.]*\)ms.*/\1/p' "$WORK/wrk-redeem-$mode.txt")
  OK[$mode]=$redeemed
  stop_server
done

echo
echo "| settlement | redemptions/s | p50 ms | p99 ms | redeemed | booked after the last answer |"
echo "|---|---|---|---|---|---|"
for mode in $MODES; do
  echo "| $mode | ${RPS[$mode]} | ${P50[$mode]} | ${P99[$mode]} | ${OK[$mode]} | ${SETTLE[$mode]} s |"
done
