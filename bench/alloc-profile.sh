#!/usr/bin/env bash
# Allocation per apply (issue 19, "where to look"): a JFR allocation profile of a warm run.
#   1. start the server (embedded defaults; MODE=applyonly: Kafka consumers off), warm it with
#      WARM_SECONDS of wrk load (unique users, every answer a 201);
#   2. record RECORD_SECONDS of the same load with JFR (jdk.ObjectAllocationSample, the profile settings);
#   3. print the bytes allocated per apply (the JVM's own counter over the window) and the top allocation
#      sites by sampled weight: the allocated class and its first frames outside the JDK.
# usage: bench/alloc-profile.sh      env: MODE=all-in-one|applyonly WARM_SECONDS=90 RECORD_SECONDS=30 TOP=25
source "$(dirname "$0")/lib.sh"
trap stop_started EXIT
ensure_tools
ensure_jar
mkdir -p "$WORK"

MODE="${MODE:-all-in-one}"
WARM_SECONDS="${WARM_SECONDS:-90}"
RECORD_SECONDS="${RECORD_SECONDS:-30}"
SUMMARY="$WORK/alloc-profile-summary.txt"
machine | tee "$SUMMARY"
echo "mode: $MODE, warm-up: ${WARM_SECONDS}s, recorded: ${RECORD_SECONDS}s" | tee -a "$SUMMARY"

extra=()
[[ "$MODE" == applyonly ]] && extra=(-Dspring.kafka.listener.auto-startup=false)
start_server alloc "${extra[@]}"
JCMD="$(dirname "$JAVA")/jcmd"
event=$(create_event '"totalQuantity":100000000')
wrk_run alloc-warm "$WARM_SECONDS" "$event" >/dev/null
echo "warm-up: $(wrk_rps alloc-warm) req/s, p99 $(wrk_p99 alloc-warm) ms" | tee -a "$SUMMARY"

admitted() {
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/admin/events/$event/stats" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["admitted"])'
}
"$JCMD" "$SERVER_PID" JFR.start name=alloc settings=profile filename="$WORK/alloc.jfr" >/dev/null
a0=$(admitted)
wrk_run alloc-recorded "$RECORD_SECONDS" "$event" >/dev/null
a1=$(admitted)
"$JCMD" "$SERVER_PID" JFR.stop name=alloc >/dev/null
echo "recorded: $(wrk_rps alloc-recorded) req/s, p99 $(wrk_p99 alloc-recorded) ms, $((a1 - a0)) admissions" | tee -a "$SUMMARY"

JFR_TOOL="$(dirname "$JAVA")/jfr"
"$JFR_TOOL" print --json --events jdk.ObjectAllocationSample,jdk.ThreadAllocationStatistics "$WORK/alloc.jfr" \
  >"$WORK/alloc.json"
python3 - "$WORK/alloc.json" "$((a1 - a0))" "${TOP:-25}" <<'PY' | tee -a "$SUMMARY"
import collections, json, sys
data = json.load(open(sys.argv[1]))
applies = max(1, int(sys.argv[2]))
top = int(sys.argv[3])
events = data['recording']['events']
samples = [e for e in events if e['type'] == 'jdk.ObjectAllocationSample']
# per-thread allocated bytes: the last statistics event of each thread minus its first
per_thread = collections.defaultdict(list)
for e in events:
    if e['type'] == 'jdk.ThreadAllocationStatistics':
        v = e['values']
        per_thread[v['thread']['javaThreadId']].append((v['startTime'], v['allocated']))
total = 0
for rows in per_thread.values():
    rows.sort()
    total += rows[-1][1] - rows[0][1]
weight = sum(e['values']['weight'] for e in samples)
# per thread (exact: the JVM's own counters), grouped by thread name without its number
names = {}
for e in events:
    if e['type'] == 'jdk.ThreadAllocationStatistics':
        t = e['values']['thread']
        names[t['javaThreadId']] = t.get('javaName') or t.get('osName') or '?'
import re
by_group = collections.Counter()
for tid, rows in per_thread.items():
    by_group[re.sub(r'[-#]?\d+', '', names.get(tid, '?')).strip('-_ ')] += rows[-1][1] - rows[0][1]
print(f"allocated over the window: {total/1e6:.0f} MB by all threads = {total/applies:,.0f} bytes per apply "
      f"({applies} applies); sampled weight {weight/1e6:.0f} MB in {len(samples)} samples")
def site(e):
    frames = (e['values'].get('stackTrace') or {}).get('frames') or []
    names = []
    for f in frames:
        m = f['method']
        name = m['type']['name'].replace('/', '.') + '.' + m['name']
        if not name.startswith(('java.', 'jdk.', 'sun.')):
            names.append(name)
        if len(names) == 2:
            break
    cls = e['values']['objectClass']['name'].replace('/', '.')
    return cls + '  <-  ' + ' <- '.join(names or ['(JDK only)'])
by_site = collections.Counter()
by_package = collections.Counter()
for e in samples:
    w = e['values']['weight']
    by_site[site(e)] += w
    frames = (e['values'].get('stackTrace') or {}).get('frames') or []
    owners = [f['method']['type']['name'].replace('/', '.') for f in frames]
    owner = next((o for o in owners if not o.startswith(('java.', 'jdk.', 'sun.'))), '(JDK only)')
    by_package['.'.join(owner.split('.')[:3])] += w
print("\nby thread group (exact counters; bytes per apply):")
for g, b in by_group.most_common(12):
    print(f"  {100*b/max(1,total):5.1f} %  {b/applies:8,.0f} B  {g}")
print("\nThe sampled sites below are statistical: each sample carries what its thread allocated since its last")
print("sample, so a thread sampled rarely puts a large weight on one site; read them as leads, not figures.")
print(f"\nby first non-JDK package (share of sampled bytes, bytes per apply):")
for pkg, w in by_package.most_common(12):
    print(f"  {100*w/weight:5.1f} %  {w/weight*total/applies:8,.0f} B  {pkg}")
print(f"\ntop {top} allocation sites (class <- first non-JDK frames):")
for s, w in by_site.most_common(top):
    print(f"  {100*w/weight:5.1f} %  {w/weight*total/applies:8,.0f} B  {s}")
PY
stop_server
echo "summary in $SUMMARY"
