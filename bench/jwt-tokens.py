#!/usr/bin/env python3
"""Writes N customer tokens (HS256, one per user, valid for an hour) as lines "<userId> <jwt>".
usage: bench/jwt-tokens.py <secret> <count> <prefix> > tokens.txt"""
import base64, hashlib, hmac, json, sys, time

def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

secret, count, prefix = sys.argv[1].encode(), int(sys.argv[2]), sys.argv[3]
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
now = int(time.time())
out = sys.stdout
for i in range(count):
    user = f"{prefix}-{i}"
    claims = b64(json.dumps({"sub": user, "iat": now, "exp": now + 3600}, separators=(",", ":")).encode())
    signing = f"{header}.{claims}".encode()
    signature = b64(hmac.new(secret, signing, hashlib.sha256).digest())
    out.write(f"{user} {header}.{claims}.{signature}\n")
