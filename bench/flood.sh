#!/usr/bin/env bash
# Issue 33's connection flood, re-runnable: a fresh server on the embedded defaults under an open-files limit
# (FLOOD_NOFILE, 4096: reserve 1,024, apply server 2,048, main port 1,024), flooded by bench/flood.py with
# FLOOD_IDLE (3,000) idle sockets on the apply server and FLOOD_TRICKLE (100) sockets trickling headers and
# bodies on both ports for FLOOD_SECONDS (30), while a fresh client applies on both ports and reads health.
# Prints the figures of docs/benchmarks.md "Connection flood", then the server's descriptors and connection metrics.
# usage: bench/flood.sh
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_jar
mkdir -p "$WORK"
machine
nofile="${FLOOD_NOFILE:-4096}"
wrapper="$WORK/java-nofile"
printf '#!/bin/sh\nexec prlimit --nofile=%s:%s %q "$@"\n' "$nofile" "$nofile" "$JAVA" >"$wrapper"
chmod +x "$wrapper"
JAVA="$wrapper" BENCH_HEAP="-Xmx1g" start_server flood
event=$(create_event '"totalQuantity":100000000')
before=$(ls "/proc/$SERVER_PID/fd" | wc -l)
python3 "$BENCH_DIR/flood.py" "$PORT" "$APPLY_PORT" "$event" "$TOKEN" "${FLOOD_IDLE:-3000}" "${FLOOD_TRICKLE:-100}" \
  "${FLOOD_SECONDS:-30}"
sleep 2
echo "server descriptors: $before before the flood, $(ls "/proc/$SERVER_PID/fd" | wc -l) after it (limit $nofile)"
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/actuator/prometheus" | grep -E '^firstcome_http_connections' || true
grep -cE 'Too many open files|Shutdown broker' "$WORK/flood-server.log" | sed 's/^/log lines about descriptors or the broker: /'
stop_server
