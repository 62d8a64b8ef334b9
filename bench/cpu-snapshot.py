#!/usr/bin/env python3
"""CPU accounting for bench/cpu-per-coupon.sh, from /proc.

  cpu-snapshot.py snap <server-pid> <wrk-pid|0> <out.json>
      CPU ticks (user, system) of every thread of the server JVM, of its child processes (the
      embedded Redis and PostgreSQL with every backend), of wrk, and the machine's /proc/stat.
  cpu-snapshot.py report <before.json> <after.json> <coupons> [<idle-before.json> <idle-after.json>]
      microseconds of CPU per coupon by process and by server thread group, as a Markdown table.
      With an idle pair (the same server, no load), its background rate is subtracted.
Threads or processes that end between two snapshots are not counted (the server's threads are
long-lived pools; the embedded PostgreSQL keeps its pooled backends); ones that start between them count whole.
"""
import json, os, re, sys

HZ = os.sysconf('SC_CLK_TCK')

# server thread groups, by the thread's name (comm, at most 15 characters); first match wins
GROUPS = [
    ('HTTP: apply server loops', r'^firstcome-apply'),
    ('HTTP: main port (Tomcat)', r'^(http-nio|Catalina)'),
    ('admission: Lettuce (Redis client)', r'^lettuce'),
    ('admission: Kafka producer', r'^kafka-producer'),
    ('issuance consumer', r'^firstcome-issua'),
    ('notification consumer', r'^firstcome-notif'),
    ('dead-letter consumer', r'^firstcome-dead'),
    ('coupon status consumer (jars before the issue-19 cut)', r'^firstcome-redem'),
    ('in-process Kafka broker', r'^(data-plane-kafk|kafka-|broker-|controller-|group-coordinat|share-|raft|'
                                r'quorum|TxnMarker|ExpirationReape|transaction-log|LogDirFailure|'
                                r'AddPartitionsTo|persister|PersisterState|executor-|network-partiti|'
                                r'client-metrics|SensorExpiry|metrics-meter)'),
    ('JIT compilers', r'(CompilerThre|C1 |C2 )'),
    ('GC', r'^(GC Thread|G1 |VM Thread|VM Periodic)'),
    ('database pool (Hikari)', r'^Hikari'),
    ('schedulers and other JVM threads', r'.'),
]


def ticks(path):
    try:
        st = open(path).read()
    except OSError:
        return None
    fields = st[st.rindex(')') + 2:].split()
    return int(fields[11]), int(fields[12])


def comm(path):
    try:
        return open(path).read().strip()
    except OSError:
        return '?'


def children(pid):
    out = []
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            ppid = open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if ppid == str(pid):
            out.append(p)
    return out


def descendants(pid):
    todo, seen = [str(pid)], []
    while todo:
        p = todo.pop()
        for c in children(p):
            seen.append(c)
            todo.append(c)
    return seen


def snap(server, wrk, out):
    data = {'threads': {}, 'processes': {}, 'stat': None}
    for t in os.listdir(f'/proc/{server}/task'):
        v = ticks(f'/proc/{server}/task/{t}/stat')
        if v:
            data['threads'][t] = [comm(f'/proc/{server}/task/{t}/comm'), *v]
    for p in descendants(server):
        if comm(f'/proc/{p}/comm') == 'python3':
            continue  # this script, when the server runs it on itself (bench/persist/run.sh)
        v = ticks(f'/proc/{p}/stat')
        if v:
            data['processes'][p] = [comm(f'/proc/{p}/comm'), *v]
    if wrk and wrk != '0':
        v = ticks(f'/proc/{wrk}/stat')
        if v:
            data['processes'][wrk] = ['wrk', *v]
    data['stat'] = [int(x) for x in open('/proc/stat').readline().split()[1:]]
    data['clock'] = os.times().elapsed
    json.dump(data, open(out, 'w'))


def group_of(name):
    for label, pattern in GROUPS:
        if re.search(pattern, name):
            return label
    return GROUPS[-1][0]


def deltas(a, b):
    """seconds of user and system CPU per row label between two snapshots"""
    rows = {}

    def add(label, du, ds):
        u, s = rows.get(label, (0.0, 0.0))
        rows[label] = (u + du / HZ, s + ds / HZ)

    # a thread or process absent from the first snapshot started after it: all its CPU is in the window
    for t, (name, u, s) in b['threads'].items():
        _, u0, s0 = a['threads'].get(t, (name, 0, 0))
        add('server JVM / ' + group_of(name), u - u0, s - s0)
    for p, (name, u, s) in b['processes'].items():
        label = {'redis-server': 'Redis (embedded)', 'postgres': 'PostgreSQL (all backends)',
                 'wrk': 'load generator (wrk)'}.get(name, name)
        _, u0, s0 = a['processes'].get(p, (name, 0, 0))
        add(label, u - u0, s - s0)
    d = [y - x for x, y in zip(a['stat'], b['stat'])]
    # user nice system idle iowait irq softirq steal
    rows['machine: all processes, user'] = ((d[0] + d[1]) / HZ, 0.0)
    rows['machine: kernel (system + irq + softirq)'] = (0.0, (d[2] + d[5] + d[6]) / HZ)
    return rows, b['clock'] - a['clock']


def report(before, after, coupons, idle_a=None, idle_b=None):
    a, b = json.load(open(before)), json.load(open(after))
    rows, elapsed = deltas(a, b)
    baseline = {}
    if idle_a and idle_b:
        ia, ib = json.load(open(idle_a)), json.load(open(idle_b))
        idle_rows, idle_elapsed = deltas(ia, ib)
        baseline = {k: ((u / idle_elapsed) * elapsed, (s / idle_elapsed) * elapsed) for k, (u, s) in idle_rows.items()}
    n = int(coupons)
    print(f'coupons: {n}, measured over {elapsed:.1f} s' + (' (idle background subtracted)' if baseline else ''))
    print()
    print('| process / thread group | user µs/coupon | system µs/coupon | total µs/coupon |')
    print('|---|---:|---:|---:|')
    server_total = [0.0, 0.0]
    ordered = sorted((k for k in rows if k.startswith('server JVM')), key=lambda k: -sum(rows[k]))
    ordered += [k for k in rows if not k.startswith('server JVM') and not k.startswith('machine')]
    ordered += [k for k in rows if k.startswith('machine')]
    for k in ordered:
        u, s = rows[k]
        bu, bs = baseline.get(k, (0.0, 0.0))
        u, s = max(0.0, u - bu), max(0.0, s - bs)
        if k.startswith('server JVM'):
            server_total[0] += u
            server_total[1] += s
        if k.startswith('machine') and server_total is not None:
            print(f'| **server JVM, all threads** | {server_total[0] * 1e6 / n:.1f} | {server_total[1] * 1e6 / n:.1f} | '
                  f'**{sum(server_total) * 1e6 / n:.1f}** |')
            server_total = None
        print(f'| {k} | {u * 1e6 / n:.1f} | {s * 1e6 / n:.1f} | {(u + s) * 1e6 / n:.1f} |')


if __name__ == '__main__':
    if sys.argv[1] == 'snap':
        snap(*sys.argv[2:5])
    elif sys.argv[1] == 'report':
        report(*sys.argv[2:])
    else:
        sys.exit(__doc__)
