-- wrk script: POST /api/events/<id>/queue with a unique userId per request (unique across runs too: the
-- ids carry the run's start time), until each thread has joined <perThread> users (then it repeats them:
-- a repeated join answers the same ticket).
-- usage: wrk -t2 -c64 -d20s -s bench/room-join.lua http://127.0.0.1:18080 -- <eventId> <perThread>
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  path = "/api/events/" .. (args[1] or "1") .. "/queue"
  quota = tonumber(args[2] or "50000")
  counter = 0
  run = os.time()
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local user = "v" .. run .. "-t" .. tid .. "-" .. ((counter - 1) % quota)
  return wrk.format("POST", path, headers, '{"userId":"' .. user .. '"}')
end
