#!/usr/bin/env bash
# Trains the JDK 25 AOT cache of the headless server (see "Readiness" in docs/benchmarks.md).
# The cache only covers classes loaded from plain class-path jars, not the nested jars of the Boot
# fat jar, so the jar is extracted first (java -Djarmode=tools ... extract). The training run serves
# a readiness warm-up and TRAIN_SECONDS of wrk load, then stops; the JVM writes the cache at exit.
# Output: app-backend/target/firstcome-server/firstcome-server.jar (+ lib/) and firstcome-server.aot
# beside it. Start with bench/server-aot.sh (or: java -XX:AOTCache=<aot> -jar <extracted jar>).
# Rebuild the cache after every rebuild of the jar: a cache from other jars is refused at start.
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

TRAIN_SECONDS="${TRAIN_SECONDS:-30}"
OUT_DIR="$ROOT/app-backend/target/firstcome-server"
rm -rf "$OUT_DIR"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$OUT_DIR" >/dev/null
SERVER_JAR="$OUT_DIR/firstcome-server.jar"
start_server aot-train -XX:AOTCacheOutput="$OUT_DIR/firstcome-server.aot"
warm_up 5000
event=$(create_event '"totalQuantity":100000000')
wrk_run aot-train "$TRAIN_SECONDS" "$event" >/dev/null
stop_server
await_aot_cache aot-train
ls -la "$OUT_DIR/firstcome-server.aot"
