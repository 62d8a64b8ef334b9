#!/usr/bin/env python3
"""Samples the checkout flow every second until killed (or until every order is final after --drain):
orders per state (GET /api/admin/orders/counts) and each checkout consumer group's lag (GET
/api/admin/pipeline, groups whose role starts with "checkout"; the server reads them at most every 5 s).

usage: checkout-sample.py <base> <token> <out.csv>
Writes "t,shipped,failed,open,outbox,<group lags...>" lines; t in seconds since the start; outbox: the
registry's unsent events (GET /api/admin/outbox).
"""
import json
import sys
import time
import urllib.error
import urllib.request

base, token, out = sys.argv[1:4]


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


t0 = time.time()
header = None
with open(out, "w", buffering=1) as f:
    while True:
        try:
            counts = get("/api/admin/orders/counts")
            groups = [g for g in get("/api/admin/pipeline")["groups"] if g["role"].startswith("checkout")]
            try:
                unsent = get("/api/admin/outbox")["unsent"]
            except urllib.error.HTTPError:  # a server without the endpoint
                unsent = -1
        except Exception as e:  # a slow answer under load: skip the sample
            print(f"sample skipped: {e}", file=sys.stderr)
            time.sleep(1)
            continue
        if header is None:
            header = [g["role"].removeprefix("checkout ") for g in groups]
            f.write("t,shipped,failed,open,outbox," + ",".join(header) + "\n")
        lags = {g["role"].removeprefix("checkout "): g["lag"] for g in groups}
        shipped = counts.get("SHIPPED", 0)
        failed = counts.get("FAILED", 0)
        open_ = sum(v for k, v in counts.items() if k not in ("SHIPPED", "FAILED"))
        f.write(f"{time.time() - t0:.1f},{shipped},{failed},{open_},{unsent}," + ",".join(str(lags.get(h, -1)) for h in header) + "\n")
        time.sleep(1)
