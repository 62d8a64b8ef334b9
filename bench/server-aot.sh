#!/usr/bin/env bash
# Starts the headless server from the extracted jar with the AOT cache of bench/aot-train.sh (trains
# it first when missing). Arguments go to the server, e.g. --server.port=8080.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/app-backend/target/firstcome-server"
if [[ ! -f "$DIR/firstcome-server.aot" || "$ROOT/app-backend/target/firstcome-server.jar" -nt "$DIR/firstcome-server.aot" ]]; then
  "$ROOT/bench/aot-train.sh"
fi
source "$ROOT/bench/lib.sh"
read -r -a java_opts <<<"${FIRSTCOME_JAVA_OPTS:--Xms2g -Xmx2g}"
exec "$JAVA" "${java_opts[@]}" -XX:AOTCache="$DIR/firstcome-server.aot" -jar "$DIR/firstcome-server.jar" "$@"
