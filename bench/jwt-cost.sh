#!/usr/bin/env bash
# Customer identity cost per apply: the HS256 check both apply entrances run, on one thread, over distinct
# tokens (dev.firstcome.backend.security.JwtCostBenchmark). Usage: bench/jwt-cost.sh [tokens] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
./mvnw -B -q -ntp -pl app-backend -am test-compile -Dspotless.check.skip=true
./mvnw -B -q -ntp -pl app-backend dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="app-backend/target/test-classes:app-backend/target/classes:shared-model/target/classes:$(cat app-backend/target/bench-classpath.txt)"
exec "$JAVA" -Xms2g -Xmx2g -Dbench.tokens="${1:-200000}" -Dbench.rounds="${2:-5}" \
  -cp "$CP" dev.firstcome.backend.security.JwtCostBenchmark
