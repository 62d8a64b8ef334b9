#!/usr/bin/env bash
# Benchmark 4: the strategy comparison table (see docs/benchmarks.md). Starts the headless server on
# the embedded defaults, then the rush runner in a separate JVM (RushCli, from the same jar) creates
# one fresh lab event per strategy with the same quantity and sends the same rush to each over HTTP.
# usage: bench/strategy-bench.sh            env: USERS=20000 QUANTITY=1000 CONCURRENCY=64 STRATEGIES=...
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

USERS="${USERS:-20000}"
QUANTITY="${QUANTITY:-1000}"
CONCURRENCY="${CONCURRENCY:-64}"
STRATEGIES="${STRATEGIES:-lua,redis-incr-set,redis-set-scard,redis-lock,db-naive,db-pessimistic,db-optimistic,db-atomic-update,jvm-synchronized}"
OUT="$WORK/strategy-summary.txt"

machine | tee "$OUT"
start_server strategies
# a short warm-up first, so that the first strategy is not measured on a cold JVM
warm_up 5000
"$JAVA" -Xmx1g -Dloader.main=dev.firstcome.backend.rush.RushCli -cp "$JAR" \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --base-url="$BASE" --apply-url="$APPLY_BASE" --token="$TOKEN" --users="$USERS" --quantity="$QUANTITY" \
  --concurrency="$CONCURRENCY" --strategies="$STRATEGIES" | tee -a "$OUT"
stop_server
echo "table in $OUT"
