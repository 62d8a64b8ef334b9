#!/usr/bin/env python3
"""Connection flood against a FirstCome server (issue 33): idle sockets beyond the apply server's cap plus sockets
trickling headers and bodies on both ports, while a fresh client applies on both ports and reads health.
Prints what the server held, how fast it shed the excess, and what the fresh client got. Loopback only.
usage: flood.py <main port> <apply port> <event id> <admin token> [idle sockets] [trickling sockets] [seconds]"""
import http.client, json, selectors, socket, statistics, sys, time

main_port, apply_port, event, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
idle_n = int(sys.argv[5]) if len(sys.argv) > 5 else 3000
trickle_n = int(sys.argv[6]) if len(sys.argv) > 6 else 100
seconds = int(sys.argv[7]) if len(sys.argv) > 7 else 30

sel = selectors.DefaultSelector()
opened = {}      # socket -> (kind, connected at)
closed_after = {"idle": [], "trickle-header": [], "trickle-body": []}
connect_failures = 0


def connect(port, kind, first):
    global connect_failures
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(first)
    except OSError:
        connect_failures += 1
        s.close()
        return
    s.setblocking(False)
    opened[s] = (kind, time.monotonic())
    sel.register(s, selectors.EVENT_READ)


def reap(timeout=0):
    for key, _ in sel.select(timeout):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            data = b""
        kind, at = opened.pop(s)
        closed_after[kind].append(time.monotonic() - at)
        sel.unregister(s)
        s.close()


def apply(port, user):
    t = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("POST", f"/api/events/{event}/apply", json.dumps({"userId": user}), {"Content-Type": "application/json"})
        status = c.getresponse().status
        c.close()
    except OSError:
        status = 0
    return status, time.monotonic() - t


def health():
    try:
        c = http.client.HTTPConnection("127.0.0.1", main_port, timeout=5)
        c.request("GET", "/actuator/health")
        body = json.loads(c.getresponse().read())
        c.close()
        return body.get("status")
    except (OSError, ValueError):
        return "no answer"


t0 = time.monotonic()
for i in range(trickle_n):
    port = main_port if i % 2 == 0 else apply_port
    if i % 4 in (0, 3):
        connect(port, "trickle-body", b"POST /api/events/1/apply HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    else:
        connect(port, "trickle-header", b"GET /actuator/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
for i in range(idle_n):
    connect(apply_port, "idle", b"P")
    if i % 200 == 0:
        reap()
flood_seconds = time.monotonic() - t0
reap(0.5)
held_after_flood = sum(1 for k, _ in opened.values() if k == "idle")

answers = {"apply server": [], "main port": []}
healths = []
next_byte = time.monotonic() + 1
user = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    for name, port in (("apply server", apply_port), ("main port", main_port)):
        user += 1
        answers[name].append(apply(port, f"flood-{int(t0)}-{user}"))
    healths.append(health())
    if time.monotonic() >= next_byte:
        for s, (kind, _) in list(opened.items()):
            if kind.startswith("trickle"):
                try:
                    s.send(b"a")
                except OSError:
                    pass
        next_byte += 1
    reap(0.2)

def ms(xs):
    return f"{1000 * statistics.median(xs):.0f} ms median, {1000 * max(xs):.0f} ms max" if xs else "none"

print(f"flood: {idle_n} idle sockets (one byte each) to the apply server and {trickle_n} trickling sockets in {flood_seconds:.1f} s;"
      f" {connect_failures} connects failed")
print(f"held: {held_after_flood} idle client sockets still open 0.5 s after the flood (accepted by the server or waiting in its listen backlog; the rest were reset to make room)")
for kind, xs in closed_after.items():
    print(f"closed by the server: {kind}: {len(xs)} sockets, after {ms(xs)}")
print(f"still open at the end: {len(opened)}")
for name, xs in answers.items():
    ok = [t for s, t in xs if s == 201]
    print(f"fresh applies during the flood on the {name}: {len(ok)} of {len(xs)} answered 201, {ms(ok)}")
print(f"health during the flood: {healths.count('UP')} of {len(healths)} UP")
