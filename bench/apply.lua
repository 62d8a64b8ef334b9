-- wrk script: POST /api/events/<id>/apply with a unique userId per request.
-- usage: wrk -t2 -c64 -d15s -s bench/apply.lua http://127.0.0.1:8080 -- <eventId> [userPrefix] [tokenFile]
-- With a token file (lines "<userId> <jwt>", bench/jwt-tokens.py) each request is a signed-in customer:
-- the next line's user with Authorization: Bearer <jwt> (thread t takes the lines t modulo 2: no user twice).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  event_id = args[1] or "1"
  prefix = (args[2] or ("w" .. os.time())) .. "-t" .. tid .. "-"
  counter = 0
  path = "/api/events/" .. event_id .. "/apply"
  headers = { ["Content-Type"] = "application/json" }
  issued, refused, unavailable, other = 0, 0, 0, 0
  users, tokens, total = nil, nil, 0
  if args[3] then
    users, tokens = {}, {}
    local n = 0
    for line in io.lines(args[3]) do
      if n % 2 == tid then
        local user, jwt = line:match("^(%S+) (%S+)$")
        total = total + 1
        users[total], tokens[total] = user, jwt
      end
      n = n + 1
    end
  end
end

function request()
  counter = counter + 1
  if tokens then
    local i = (counter - 1) % total + 1
    local signed = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[i] }
    return wrk.format("POST", path, signed, '{"userId":"' .. users[i] .. '"}')
  end
  return wrk.format("POST", path, headers, '{"userId":"' .. prefix .. counter .. '"}')
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
