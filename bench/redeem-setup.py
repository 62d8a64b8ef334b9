#!/usr/bin/env python3
"""Issues COUPONS coupons of one event to users <prefix>-1..N and writes "couponId userId" lines.

usage: redeem-setup.py <applyBase> <base> <eventId> <count> <prefix> <out>
Applies over keep-alive connections (16 threads), waits until each winner's coupon is persisted and has its
status, and reads its id from GET /api/users/{userId}/coupons (the redemption benchmark's input).
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

apply_base, base, event, count, prefix, out = sys.argv[1:7]
count = int(count)
THREADS = 16


def connection(url):
    u = urllib.parse.urlparse(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def worker(tid, results):
    apply_conn = connection(apply_base)
    conn = connection(base)
    for i in range(tid + 1, count + 1, THREADS):
        user = f"{prefix}-{i}"
        body = json.dumps({"userId": user})
        apply_conn.request("POST", f"/api/events/{event}/apply", body, {"Content-Type": "application/json"})
        r = apply_conn.getresponse()
        r.read()
        if r.status != 201:
            raise SystemExit(f"apply of {user} answered {r.status}")
    for i in range(tid + 1, count + 1, THREADS):
        user = f"{prefix}-{i}"
        deadline = time.time() + 120
        while True:
            conn.request("GET", f"/api/users/{user}/coupons")
            r = conn.getresponse()
            coupons = json.loads(r.read() or b"[]")
            ids = [c["couponId"] for c in coupons if c.get("eventId") == int(event) and c.get("couponId")]
            if ids and r.status == 200:
                results.append(f"{ids[0]} {user}")
                break
            if time.time() > deadline:
                raise SystemExit(f"no coupon for {user} after 120 s")
            time.sleep(0.2)


results = []
t0 = time.time()
threads = [threading.Thread(target=worker, args=(t, results)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if len(results) != count:
    raise SystemExit(f"{len(results)} coupons of {count}")
with open(out, "w") as f:
    f.write("\n".join(results) + "\n")
print(f"{count} coupons issued and read in {time.time() - t0:.1f} s")
