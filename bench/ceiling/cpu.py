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
import importlib.util, json, os, resource, subprocess, sys, time

HZ = os.sysconf('SC_CLK_TCK')

# the /proc readers of bench/cpu-snapshot.py (bench/cpu-per-coupon.sh's accounting)
_spec = importlib.util.spec_from_file_location(
    'cpu_snapshot', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'cpu-snapshot.py'))
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


def tree_ticks(pid):
    """user + system ticks of a process (all its threads) and of its descendants"""
    return sum(sum(snapshot.ticks(f'/proc/{p}/stat') or (0, 0)) for p in [str(pid), *snapshot.descendants(pid)])


def machine():
    f = [int(x) for x in open('/proc/stat').readline().split()[1:]]
    return {'busy': sum(f) - f[3] - f[4], 'total': sum(f)}


def main():
    cmd = sys.argv[1]
    if cmd == 'snap':
        json.dump({'time': time.time(), 'pids': {p: tree_ticks(p) for p in sys.argv[3:]},
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
