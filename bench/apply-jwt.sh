#!/usr/bin/env bash
# What customer identity costs end to end: an apply-only node (consumers off) answering signed-in customers
# (HS256 bearer JWT, one per user) against the same node with identity off, alternating, LOAD_SECONDS (30)
# at load then 15 s measured each. Results in docs/benchmarks.md ("Customer identity").
# usage: bench/apply-jwt.sh [pairs]
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"
SECRET="bench-secret-bench-secret-bench-secret-0123"
pairs="${1:-1}"
machine
for pair in $(seq 1 "$pairs"); do
  for mode in off on; do
    extra=(-Dspring.kafka.listener.auto-startup=false)
    [[ "$mode" == on ]] && extra+=(-Dfirstcome.customer.jwt-secret="$SECRET")
    start_server "jwt-$mode-$pair" "${extra[@]}"
    event=$(create_event '"totalQuantity":100000000')
    for phase in load measured; do
      seconds=$([[ "$phase" == load ]] && echo "${LOAD_SECONDS:-30}" || echo 15)
      args=("jwt$pair$phase")
      if [[ "$mode" == on ]]; then
        # one token per request and phase (a token used twice would answer ALREADY_APPLIED, not 201)
        args+=("$WORK/jwt-tokens-$pair-$phase.txt")
        python3 "$BENCH_DIR/jwt-tokens.py" "$SECRET" $((seconds * ${JWT_RATE:-25000})) "jwt$pair$phase" >"${args[1]}"
      fi
      wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/apply.lua" "$APPLY_BASE" -- "$event" "${args[@]}" \
        >"$WORK/wrk-jwt-$mode-$pair-$phase.txt"
    done
    echo "identity $mode (pair $pair): $(grep -h '^throughput:' "$WORK/wrk-jwt-$mode-$pair-measured.txt") $(grep -h '^latency:' "$WORK/wrk-jwt-$mode-$pair-measured.txt")"
    grep -h '^answers:' "$WORK/wrk-jwt-$mode-$pair-measured.txt"
    stop_server
  done
done
