#!/usr/bin/env bash
# Issue 19's floor on the persist side: what the embedded PostgreSQL (the binaries and settings FirstCome
# starts by default, fsync and synchronous_commit on) spends per coupon on the rows alone, with no Kafka and
# no JVM work: batches of 3,750 rows (the issuance consumer's batch at saturation), two clients (the two
# issuance consumers), in a schema of their own ("floor") beside FirstCome's tables:
#   dedupe key    a row of (event_id, user_id) and its unique index: the least a persisted coupon with
#                 the one-per-user guarantee can be
#   coupon row    a row of FirstCome's coupon table (LIKE coupon INCLUDING ALL: its three indexes,
#                 fillfactor 50 as V22 sets it)
#   + status row  the coupon and its coupon_state row (LIKE coupon_state INCLUDING ALL) in one statement
#   + notice claim  the above, then the notice claim's UPDATE of each coupon in batches of 500
# Prints microseconds of machine CPU per coupon (all processes and the kernel, less the clients' own CPU
# and the idle server's background, measured first), and coupons per second.
# usage: bench/pg-floor.sh          env: FLOOR_TRANSACTIONS=60 (per client and variant)
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
command -v psql >/dev/null || apt-get install -y postgresql-client || { apt-get update && apt-get install -y postgresql-client; }
ensure_jar
mkdir -p "$WORK"
CPU="$BENCH_DIR/ceiling/cpu.py"
TX="${FLOOR_TRANSACTIONS:-60}"
OUT="$WORK/pg-floor-summary.txt"
machine | tee "$OUT"

start_server pg-floor -Dspring.kafka.listener.auto-startup=false
db_port=$(python3 -c "import json; d=json.load(open('$WORK/pg-floor-health.json')); print(d['components']['infrastructure']['details']['database']['address'].split(':')[-1].split('/')[0])")
export PGPASSWORD="$(<"$WORK/pg-floor-data/embedded-servers.password")" PGHOST=127.0.0.1 PGPORT="$db_port" PGUSER=postgres PGDATABASE=firstcome
psql -qX -v ON_ERROR_STOP=1 <<'SQL'
DROP SCHEMA IF EXISTS floor CASCADE;
CREATE SCHEMA floor;
CREATE TABLE floor.dedupe (event_id BIGINT NOT NULL, user_id VARCHAR(128) NOT NULL, UNIQUE (event_id, user_id));
CREATE TABLE floor.coupon (LIKE public.coupon INCLUDING ALL) WITH (fillfactor = 50);
CREATE TABLE floor.coupon_state (LIKE public.coupon_state INCLUDING ALL);
SQL
psql -qXAt -c "SELECT version()" | tee -a "$OUT"

# statements <variant> <event>: one transaction's statements for 3,750 coupons of one event
statements() {
  local variant="$1" e="$2"
  local users="FROM generate_series(1, 3750) g"
  case "$variant" in
    dedupe) echo "INSERT INTO floor.dedupe (event_id, user_id) SELECT $e, 'floor-t0-' || g $users ON CONFLICT DO NOTHING;" ;;
    coupon) echo "INSERT INTO floor.coupon (event_id, user_id, rank, admission_id, day, admitted_at, persisted_at)
      SELECT $e, 'floor-t0-' || g, g, g, DATE '2026-12-04', now(), now() $users ON CONFLICT (event_id, user_id) DO NOTHING;" ;;
    status | claim)
      echo "WITH c AS (INSERT INTO floor.coupon (event_id, user_id, rank, admission_id, day, admitted_at, persisted_at)
        SELECT $e, 'floor-t0-' || g, g, g, DATE '2026-12-04', now(), now() $users
        ON CONFLICT (event_id, user_id) DO NOTHING RETURNING id, event_id, user_id, admitted_at)
      INSERT INTO floor.coupon_state (coupon_id, event_id, user_id, status, issued_at, redemptions, updated_at)
        SELECT id, event_id, user_id, 'ISSUED', admitted_at, 0, now() FROM c;"
      if [[ "$variant" == claim ]]; then
        for from in 1 501 1001 1501 2001 2501 3001 3501; do
          echo "UPDATE floor.coupon c SET notified_at = now()
            FROM (SELECT $e AS e, 'floor-t0-' || g AS u FROM generate_series($from, LEAST($from + 499, 3750)) g) x
            WHERE c.event_id = x.e AND c.user_id = x.u AND c.notified_at IS NULL;"
        done
      fi ;;
  esac
}

idle_rate() {
  # the idle server's background (its schedulers, Kafka, Redis): machine ticks per second over 10 s
  python3 "$CPU" snap "$WORK/floor-idle-0.json"
  sleep 10
  python3 "$CPU" snap "$WORK/floor-idle-1.json"
  python3 -c "import json; a, b = (json.load(open('$WORK/floor-idle-%d.json' % i)) for i in (0, 1)); print((b['machine']['busy'] - a['machine']['busy']) / (b['time'] - a['time']))"
}

for _ in $(seq 1 "${QUIET_MAX:-90}"); do machine_quiet && break; done
IDLE=$(idle_rate)
echo "idle background: $IDLE ticks/s" | tee -a "$OUT"
echo | tee -a "$OUT"
echo "| variant | coupons | coupons/s | machine µs/coupon (less clients and background) |" | tee -a "$OUT"
echo "|---|---:|---:|---:|" | tee -a "$OUT"
base=$((RANDOM * 100000))
for variant in dedupe coupon status claim; do
  for client in 0 1; do
    : >"$WORK/floor-$variant-$client.sql"
    for t in $(seq 1 "$TX"); do
      statements "$variant" $((base + client * 100000 + t)) >>"$WORK/floor-$variant-$client.sql"
    done
  done
  base=$((base + 1000000))
  psql -qX -c 'CHECKPOINT' >/dev/null
  for _ in $(seq 1 "${QUIET_MAX:-90}"); do machine_quiet && break; done
  python3 "$CPU" snap "$WORK/floor-$variant-0.json"
  clients=()
  for client in 0 1; do
    python3 "$CPU" run "$WORK/floor-$variant-client$client.json" -- psql -qX -v ON_ERROR_STOP=1 -o /dev/null \
      -f "$WORK/floor-$variant-$client.sql" &
    clients+=($!)
  done
  for pid in "${clients[@]}"; do wait "$pid"; done
  python3 "$CPU" snap "$WORK/floor-$variant-1.json"
  python3 - "$WORK" "$variant" "$((2 * TX * 3750))" "$IDLE" <<'PY' | tee -a "$OUT"
import json, os, sys
work, variant, coupons, idle = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
hz = os.sysconf('SC_CLK_TCK')
a, b = (json.load(open(f'{work}/floor-{variant}-{i}.json')) for i in (0, 1))
clients = [json.load(open(f'{work}/floor-{variant}-client{i}.json')) for i in (0, 1)]
elapsed = b['time'] - a['time']
busy = (b['machine']['busy'] - a['machine']['busy'] - idle * elapsed) / hz
busy -= sum(c['user'] + c['system'] for c in clients)
print(f"| {variant} | {coupons:,} | {coupons / elapsed:,.0f} | {busy * 1e6 / coupons:.1f} |")
PY
done
psql -qX -c 'DROP SCHEMA floor CASCADE'
stop_server
