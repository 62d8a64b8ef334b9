# Sourced by ./console and ./server: exports JAVA_HOME for a JDK 25 or stops with a clear message.
firstcome_pick_jdk() {
  for candidate in "${JAVA_HOME:-}" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)" 2>/dev/null || echo /nonexistent)")")" \
    /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/jdk-25 /opt/java/openjdk; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] &&
      "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java.specification.version = (2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "FirstCome needs JDK 25 or newer. Set JAVA_HOME to a JDK 25 (for example /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  exit 1
}
firstcome_pick_jdk

# Builds the module's jar when it is missing or older than any source file.
firstcome_build_if_needed() {
  local module="$1" jar="$2"
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml shared-model app-backend "$module" -newer "$jar" \( -name '*.java' -o -name '*.xml' -o -name '*.yml' -o -name '*.lua' -o -name '*.sql' -o -name '*.css' \) -print -quit 2>/dev/null)" ]; then
    echo "Building $jar (first run takes a few minutes: Maven downloads its dependencies)..."
    ./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl "$module" -am package
  fi
}

# Runs a Boot fat jar from its extracted form with the JDK 25 AOT cache (JEP 483/514): the first start
# trains the cache (-XX:AOTCacheOutput: the JVM writes it when this run exits normally), every later
# start uses it (-XX:AOTCache) until the jar is rebuilt, which makes the extracted copy and the cache
# stale: both are made again. FIRSTCOME_AOT=off runs the plain fat jar.
# usage: firstcome_exec_with_aot <fat jar> <name> [java options...] -- [application arguments...]
firstcome_exec_with_aot() {
  local fat="$1" name="$2"
  shift 2
  local opts=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  if [ "${FIRSTCOME_AOT:-on}" = "off" ]; then
    exec "$JAVA_HOME/bin/java" "${opts[@]}" -jar "$fat" "$@"
  fi
  local dir="${fat%.jar}" extracted aot
  extracted="$dir/$name.jar"
  aot="$dir/$name.aot"
  if [ ! -f "$extracted" ] || [ "$fat" -nt "$extracted" ]; then
    rm -rf "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$fat" extract --destination "$dir" >/dev/null
  fi
  if [ -f "$aot" ] && [ "$aot" -nt "$extracted" ]; then
    exec "$JAVA_HOME/bin/java" "${opts[@]}" -XX:AOTCache="$aot" -jar "$extracted" "$@"
  fi
  echo "First start of this build: training the AOT cache ($aot, written when FirstCome stops); the next start is faster." >&2
  exec "$JAVA_HOME/bin/java" "${opts[@]}" -XX:AOTCacheOutput="$aot" -jar "$extracted" "$@"
}
