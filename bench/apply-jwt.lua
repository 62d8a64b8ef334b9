-- wrk script: POST /api/events/<id>/apply as signed-in customers: each request takes the next line
-- "<userId> <jwt>" of a token file (bench/jwt-tokens.py) and sends Authorization: Bearer <jwt>.
-- usage: wrk -t2 -c64 -d15s -s bench/apply-jwt.lua http://127.0.0.1:8081 -- <eventId> <tokenFile>
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  event_id = args[1] or "1"
  path = "/api/events/" .. event_id .. "/apply"
  users, tokens = {}, {}
  -- thread t takes every line whose index is t modulo the thread count: no user twice
  local count, n = 0, 0
  for line in io.lines(args[2]) do
    if n % 2 == tid then
      local user, jwt = line:match("^(%S+) (%S+)$")
      count = count + 1
      users[count], tokens[count] = user, jwt
    end
    n = n + 1
  end
  total = count
  counter = 0
  issued, refused, unavailable, other = 0, 0, 0, 0
end

function request()
  counter = counter % total + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[counter] }
  return wrk.format("POST", path, headers, '{"userId":"' .. users[counter] .. '"}')
end

function response(status, headers, body)
  if status == 201 then issued = issued + 1
  elseif status == 409 then refused = refused + 1
  elseif status == 503 then unavailable = unavailable + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local i, r, u, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    i = i + t:get("issued"); r = r + t:get("refused"); u = u + t:get("unavailable"); o = o + t:get("other")
  end
  io.write(string.format("answers: 201=%d 409=%d 503=%d other=%d\n", i, r, u, o))
  io.write(string.format("latency: p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("throughput: %.1f req/s\n", summary.requests / (summary.duration / 1e6)))
end
