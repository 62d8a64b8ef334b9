#!/usr/bin/env bash
# Persist-path benchmark: coupons/s from Kafka into the embedded PostgreSQL.
# Usage: bench/persist/run.sh [records] [extra -Dfirstcome.* settings...]
#   e.g. bench/persist/run.sh 500000 -Dfirstcome.issuance.batch-size=5000 -Dfirstcome.issuance.concurrency=4
#   bench/persist/run.sh 300000 -Dbench.notify=true   (persist + notify: the notification consumer runs too)
#   -Dbench.warmup=200000 (unmeasured coupons first), -Dbench.statements=true (pg_stat_statements of the window)
# Prints coupons/s and the CPU per coupon of each thread group, PostgreSQL and the machine (bench/cpu-snapshot.py).
# Starts its own embedded Redis/Kafka/PostgreSQL under app-backend/target/bench-data (fsync on, as in production).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-500000}"
shift || true
DATA="$PWD/app-backend/target/bench-data"
if [ "${FRESH:-1}" = 1 ]; then
  # an empty database for every run (FRESH=0 keeps the last one's): as root the embedded PostgreSQL keeps its
  # files under /var/tmp, in a directory with a random name that the link $DATA/postgres records
  # (EmbeddedPostgresServer.home)
  if [ -L "$DATA/postgres" ]; then rm -rf "$(readlink "$DATA/postgres")"; fi
  rm -rf "$DATA"
fi
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
# one reactor build, so shared-model resolves from the reactor (a fresh machine has not installed it)
if ! out=$(./mvnw -B -q -ntp -pl app-backend -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt 2>&1); then
  echo "$out" >&2
  exit 1
fi
CP="app-backend/target/test-classes:app-backend/target/classes:shared-model/target/classes:$(cat app-backend/target/bench-classpath.txt)"
exec "$JAVA" -Xmx2g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
  -Dbench.records="$RECORDS" -Dserver.port=0 \
  -Dfirstcome.data-dir="$DATA" \
  "$@" \
  -cp "$CP" dev.firstcome.backend.issuance.PersistBenchmark
