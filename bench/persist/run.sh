#!/usr/bin/env bash
# Persist-path benchmark: coupons/s from Kafka into the embedded PostgreSQL.
# Usage: bench/persist/run.sh [records] [extra -Dfirstcome.* settings...]
#   e.g. bench/persist/run.sh 500000 -Dfirstcome.issuance.batch-size=5000 -Dfirstcome.issuance.concurrency=4
# Starts its own embedded Redis/Kafka/PostgreSQL under app-backend/target/bench-data (fsync on, as in production).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-500000}"
shift || true
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
./mvnw -B -q -ntp -pl app-backend -am test-compile -Dspotless.check.skip=true
./mvnw -B -q -ntp -pl app-backend dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="app-backend/target/test-classes:app-backend/target/classes:shared-model/target/classes:$(cat app-backend/target/bench-classpath.txt)"
exec "$JAVA" -Xmx2g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
  -Dbench.records="$RECORDS" -Dserver.port=0 \
  -Dfirstcome.data-dir="$PWD/app-backend/target/bench-data" \
  "$@" \
  -cp "$CP" dev.firstcome.backend.issuance.PersistBenchmark
