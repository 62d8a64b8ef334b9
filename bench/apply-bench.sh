#!/usr/bin/env bash
# Benchmarks 1 and 2 and the readiness measurements (see docs/benchmarks.md):
#   apply over real HTTP at 64 connections (wrk, separate process, unique users) against the headless
#   server on the embedded defaults: cold = the first COLD_SECONDS after UP, warm = after LOAD_SECONDS
#   at load; and redis-benchmark EVALSHA of the same admit.lua against the same Redis (50 connections,
#   no pipelining). Modes:
#     plain   start, cold, 3 minutes at load, warm, redis-benchmark
#     warmup  start, run the readiness warm-up (POST /api/admin/rush/warmup), then cold
#     aot     JDK 25 AOT cache: a training run writes it (-XX:AOTCacheOutput), the server starts with
#             it (-XX:AOTCache), then cold
#     aotwarmup  both: start with the AOT cache, run the readiness warm-up, then cold (launch day)
#     applyonly  the plain protocol on an apply-only node: the Kafka consumers (issuance, notifications)
#             do not start (spring.kafka.listener.auto-startup=false), as when they run on other
#             machines; admissions stay in Kafka. Not the embedded default: shows the apply path alone
#     aotwarmup-applyonly  launch day on an apply-only node: AOT cache + readiness warm-up, then cold
#             (the warm-up's admissions stay in Kafka for the consumers elsewhere: nothing to wait for)
# applies go to the apply server (port FIRSTCOME_BENCH_APPLY_PORT, 18081); APPLY_TARGET=main sends
# them to the main HTTP port's servlet path instead
# usage: bench/apply-bench.sh [plain] [warmup] [aot] [aotwarmup] [applyonly] [aotwarmup-applyonly]
#        (default: the first four)
# env:   COLD_SECONDS=15 LOAD_SECONDS=180 WARM_SECONDS=15 WARMUP_USERS=100000 (the product default)
#        WARMUP_GAP=0 (seconds between the warm-up's end and the cold window, as when it is scheduled)
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

COLD="${COLD_SECONDS:-15}"
LOAD="${LOAD_SECONDS:-180}"
WARM="${WARM_SECONDS:-15}"
WARMUP_USERS="${WARMUP_USERS:-100000}"
MODES=("$@")
((${#MODES[@]})) || MODES=(plain warmup aot aotwarmup)
SUMMARY="$WORK/apply-summary.txt"
machine | tee "$SUMMARY"

prepare_aot() {
  local extracted="$WORK/extracted"
  rm -rf "$extracted" "$WORK/firstcome.aot"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$extracted" >/dev/null
  SERVER_JAR="$extracted/firstcome-server.jar"
  # training run: the cache is written when this JVM exits
  start_server aot-training -XX:AOTCacheOutput="$WORK/firstcome.aot"
  local event; event=$(create_event '"totalQuantity":100000000')
  wrk_run aot-training 30 "$event" >/dev/null
  stop_server
  await_aot_cache aot-training
  ls -la "$WORK/firstcome.aot" | tee -a "$SUMMARY"
}


for mode in "${MODES[@]}"; do
  unset SERVER_JAR
  extra=()
  case "$mode" in
    plain | warmup) ;;
    applyonly) extra=(-Dspring.kafka.listener.auto-startup=false) ;;
    aot | aotwarmup | aotwarmup-applyonly)
      [[ -f "$WORK/firstcome.aot" && "${AOT_PREPARED:-}" == 1 ]] || prepare_aot
      AOT_PREPARED=1
      SERVER_JAR="$WORK/extracted/firstcome-server.jar"
      extra=(-XX:AOTCache="$WORK/firstcome.aot")
      [[ "$mode" == aotwarmup-applyonly ]] && extra+=(-Dspring.kafka.listener.auto-startup=false)
      ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  start_server "$mode" "${extra[@]}"
  echo "$mode: UP after ${SERVER_UP_SECONDS}s" | tee -a "$SUMMARY"
  [[ "$mode" == warmup || "$mode" == aotwarmup ]] && warm_up "$WARMUP_USERS"
  [[ "$mode" == aotwarmup-applyonly ]] && WARMUP_DRAIN=no warm_up "$WARMUP_USERS"
  if [[ "$mode" == *warmup* && "${WARMUP_GAP:-0}" != 0 ]]; then
    # a scheduled warm-up (minutesBefore) ends some time before the event opens: the JIT finishes its queue
    echo "$mode: ${WARMUP_GAP}s between the warm-up's end and the opening" | tee -a "$SUMMARY"
    sleep "$WARMUP_GAP"
  fi
  event=$(create_event '"totalQuantity":100000000')
  wrk_run "$mode-cold" "$COLD" "$event"
  echo "$mode cold (first ${COLD}s): $(wrk_rps "$mode-cold") req/s, p99 $(wrk_p99 "$mode-cold") ms" | tee -a "$SUMMARY"
  if [[ "$mode" == plain || "$mode" == applyonly ]]; then
    wrk_run "$mode-load" "$LOAD" "$event"
    wrk_run "$mode-warm" "$WARM" "$event"
    echo "$mode warm (after ${LOAD}s at load): $(wrk_rps "$mode-warm") req/s, p99 $(wrk_p99 "$mode-warm") ms" | tee -a "$SUMMARY"
  fi
  # the physical limit in every mode, against the same Redis, once the apply load has stopped and what it
  # left behind is done (persist backlog, AOF rewrite): redis-benchmark must not share the CPU with it
  if [[ "$mode" == *applyonly ]]; then QUIESCE_DRAIN=no quiesce "$(redis_port "$mode")"; else quiesce "$(redis_port "$mode")"; fi
  redis_bench "$(redis_port "$mode")"
  rb=$(redis_rps)
  echo "redis-benchmark EVALSHA admit.lua (50 connections, no pipelining): $rb req/s" | tee -a "$SUMMARY"
  if [[ -f "$WORK/wrk-$mode-warm.txt" && ("$mode" == plain || "$mode" == applyonly) ]]; then
    python3 -c "print('ratio apply/redis-benchmark: cold %.3f, warm %.3f' % ($(wrk_rps "$mode-cold")/$rb, $(wrk_rps "$mode-warm")/$rb))" | tee -a "$SUMMARY"
  else
    python3 -c "print('ratio apply/redis-benchmark: cold %.3f' % ($(wrk_rps "$mode-cold")/$rb))" | tee -a "$SUMMARY"
  fi
  # and the denominator that does not depend on FirstCome's own script (issue 19): the minimal script on
  # a redis-server of the same binary without persistence
  redis_exe=$(embedded_redis_exe)
  stop_server
  minimal=$(minimal_bench "$redis_exe")
  echo "redis-benchmark EVALSHA minimal-admit.lua (no persistence): $minimal req/s" | tee -a "$SUMMARY"
  if [[ -f "$WORK/wrk-$mode-warm.txt" && ("$mode" == plain || "$mode" == applyonly) ]]; then
    python3 -c "print('ratio apply/minimal script: cold %.3f, warm %.3f' % ($(wrk_rps "$mode-cold")/$minimal, $(wrk_rps "$mode-warm")/$minimal))" | tee -a "$SUMMARY"
  else
    python3 -c "print('ratio apply/minimal script: cold (first ${COLD}s) %.3f' % ($(wrk_rps "$mode-cold")/$minimal))" | tee -a "$SUMMARY"
  fi
done
echo "summary in $SUMMARY"
