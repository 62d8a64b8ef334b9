-- wrk script: POST /api/orders, one unit of one SKU per order, a new customer per request.
-- usage: wrk -t2 -c16 -d30s -s bench/order.lua http://127.0.0.1:8080 -- <sku> [userPrefix]
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  sku = args[1]
  prefix = (args[2] or ("o" .. os.time())) .. "-t" .. tid .. "-"
  counter = 0
  headers = { ["Content-Type"] = "application/json" }
  created, other = 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/orders", headers,
    '{"userId":"' .. prefix .. counter .. '","items":[{"sku":"' .. sku .. '","quantity":1}]}')
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); o = o + t:get("other")
  end
  io.write(string.format("answers: 201=%d other=%d\n", c, o))
  io.write(string.format("latency: p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("throughput: %.1f req/s\n", summary.requests / (summary.duration / 1e6)))
end
