#!/usr/bin/env bash
# The JDK 25 AOT cache for the operator console (see "Readiness: the console" in docs/benchmarks.md).
# 1. trains it: extracts the console's fat jar (the cache covers plain class-path jars only), starts the
#    console with -XX:AOTCacheOutput on JavaFX's headless platform (no display needed) over a fresh data
#    directory, runs a readiness warm-up through its HTTP API while the window refreshes, stops it; the
#    JVM writes app-desktop/target/firstcome-console/firstcome-console.aot at exit. ./console uses the
#    cache from then on, until the jar is rebuilt.
# 2. measures (ROUNDS, default 2, alternating): time to the backend's UP and to the window shown, fat
#    jar without the cache against the extracted jar with it.
# usage: bench/console-aot.sh [train|measure|both]   (default both)
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
mkdir -p "$WORK"

CONSOLE_JAR="$ROOT/app-desktop/target/firstcome-console.jar"
OUT_DIR="$ROOT/app-desktop/target/firstcome-console"
AOT="$OUT_DIR/firstcome-console.aot"
FX=(-Dglass.platform=Headless -Dprism.order=sw --enable-native-access=ALL-UNNAMED)
what="${1:-both}"

if [[ ! -f "$CONSOLE_JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests -pl app-desktop -am package)
fi

window_ms() { grep -o 'Console window shown [0-9]* ms' "$WORK/$1-server.log" | grep -o '[0-9]*' | head -1; }

await_window() {
  for _ in $(seq 1 240); do
    [[ -n "$(window_ms "$1")" ]] && return 0
    sleep 0.5
  done
  echo "the console window of $1 was not shown; see $WORK/$1-server.log" >&2
  return 1
}

if [[ "$what" == train || "$what" == both ]]; then
  rm -rf "$OUT_DIR"
  "$JAVA" -Djarmode=tools -jar "$CONSOLE_JAR" extract --destination "$OUT_DIR" >/dev/null
  SERVER_JAR="$OUT_DIR/firstcome-console.jar" start_server console-train "${FX[@]}" -XX:AOTCacheOutput="$AOT"
  await_window console-train
  warm_up "${WARMUP_USERS:-5000}"
  sleep 5
  stop_server
  await_aot_cache console-train
  ls -la "$AOT"
fi

if [[ "$what" == measure || "$what" == both ]]; then
  machine
  SUMMARY="$WORK/console-aot-summary.txt"
  : >"$SUMMARY"
  for round in $(seq 1 "${ROUNDS:-2}"); do
    SERVER_JAR="$CONSOLE_JAR" start_server "console-plain-$round" "${FX[@]}"
    await_window "console-plain-$round"
    echo "fat jar, no cache (round $round): backend UP after ${SERVER_UP_SECONDS}s, window shown $(window_ms "console-plain-$round") ms after the JVM started" | tee -a "$SUMMARY"
    stop_server
    SERVER_JAR="$OUT_DIR/firstcome-console.jar" start_server "console-aot-$round" "${FX[@]}" -XX:AOTCache="$AOT"
    await_window "console-aot-$round"
    echo "extracted jar + AOT cache (round $round): backend UP after ${SERVER_UP_SECONDS}s, window shown $(window_ms "console-aot-$round") ms after the JVM started" | tee -a "$SUMMARY"
    stop_server
  done
  echo "summary in $SUMMARY"
fi
