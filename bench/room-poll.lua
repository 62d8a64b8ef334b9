-- wrk script: GET /api/events/<id>/queue/<ticketId> for a random ticket of <ticketFile> per request
-- (one ticket id a line), counting the answers by status code.
-- usage: wrk -t2 -c64 -d30s -s bench/room-poll.lua http://127.0.0.1:18080 -- <eventId> <ticketFile>
function init(args)
  prefix = "/api/events/" .. args[1] .. "/queue/"
  tickets = {}
  for line in io.lines(args[2]) do
    tickets[#tickets + 1] = line
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  ok, other = 0, 0
end

function request()
  return wrk.format("GET", prefix .. tickets[math.random(#tickets)])
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("throughput: %.0f req/s\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency: p50=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
