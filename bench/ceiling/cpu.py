#!/usr/bin/env python3
"""CPU accounting of bench/http-ceiling.sh, from /proc and getrusage.

  cpu.py snap <out.json> <pid>...
      CPU ticks (user + system) of each pid with all its threads and descendant processes, and the
      machine's /proc/stat (busy and total).
  cpu.py run <out.json> -- <command>...
      runs the command (the load generator), passes its output through, and writes its own CPU
      (getrusage of the child: user and system seconds) and its wall time.
  cpu.py report <before.json> <after.json> <client.json> <requests> <requests/s> <label>
      one Markdown table row: requests/s (the client's figure), then microseconds of CPU per request of the server (each pid of
      the snapshots, descendants included), of the client, and of the whole machine (all processes and
      the kernel), and the machine's idle share over the window.
"""
import json, os, resource, subprocess, sys, time

HZ = os.sysconf('SC_CLK_TCK')


def proc_ticks(pid):
    try:
        fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def children():
    tree = {}
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                ppid = int(open(f'/proc/{name}/stat').read().rsplit(')', 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            tree.setdefault(ppid, []).append(int(name))
    return tree


def tree_ticks(pid, tree):
    return proc_ticks(pid) + sum(tree_ticks(c, tree) for c in tree.get(pid, []))


def machine():
    f = [int(x) for x in open('/proc/stat').readline().split()[1:]]
    return {'busy': sum(f) - f[3] - f[4], 'total': sum(f)}


def main():
    cmd = sys.argv[1]
    if cmd == 'snap':
        tree = children()
        json.dump({'time': time.time(), 'pids': {p: tree_ticks(int(p), tree) for p in sys.argv[3:]},
                   'machine': machine()}, open(sys.argv[2], 'w'))
    elif cmd == 'run':
        start = time.time()
        code = subprocess.run(sys.argv[sys.argv.index('--') + 1:]).returncode
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        json.dump({'user': usage.ru_utime, 'system': usage.ru_stime, 'wall': time.time() - start},
                  open(sys.argv[2], 'w'))
        sys.exit(code)
    elif cmd == 'report':
        a, b, client = (json.load(open(p)) for p in sys.argv[2:5])
        requests, rate, label = float(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
        per = 1e6 / HZ / requests
        server = sum(b['pids'][p] - a['pids'].get(p, 0) for p in b['pids']) * per
        client_us = (client['user'] + client['system']) * 1e6 / requests
        busy = (b['machine']['busy'] - a['machine']['busy']) * per
        total = b['machine']['total'] - a['machine']['total']
        idle = 1 - (b['machine']['busy'] - a['machine']['busy']) / max(1, total)
        print(f"| {label} | {rate:,.0f} | {server:.1f} | {client_us:.1f} | {busy:.1f} | {idle:.0%} |")
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
