-- wrk script: POST /api/coupons/<id>/redeem, each coupon once (its own Idempotency-Key and order).
-- usage: wrk -t2 -c32 -d20s -s bench/redeem.lua http://127.0.0.1:8080 -- <couponsFile>
-- couponsFile: lines "<couponId> <userId>" (bench/redeem-setup.py); thread t takes the lines t modulo 2.
-- A thread that runs out of coupons starts again at its first (a retry with the same key: the stored answer,
-- cheaper than a redemption): "reused" counts them, and a run with reused > 0 needs more coupons.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  ids, users, total, counter = {}, {}, 0, 0
  local n = 0
  for line in io.lines(args[1]) do
    if n % 2 == tid then
      local id, user = line:match("^(%S+) (%S+)$")
      total = total + 1
      ids[total], users[total] = id, user
    end
    n = n + 1
  end
  redeemed, refused, other, reused = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  if counter > total then reused = reused + 1 end
  local i = (counter - 1) % total + 1
  local headers = { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. ids[i] }
  return wrk.format("POST", "/api/coupons/" .. ids[i] .. "/redeem", headers,
    '{"userId":"' .. users[i] .. '","orderId":"o-' .. ids[i] .. '","orderAmount":5000}')
end

function response(status, headers, body)
  if status == 200 then redeemed = redeemed + 1
  elseif status == 409 then refused = refused + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local r, f, o, u = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("redeemed"); f = f + t:get("refused"); o = o + t:get("other"); u = u + t:get("reused")
  end
  io.write(string.format("answers: 200=%d 409=%d other=%d reused=%d\n", r, f, o, u))
  io.write(string.format("latency: p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("throughput: %.1f req/s\n", summary.requests / (summary.duration / 1e6)))
end
