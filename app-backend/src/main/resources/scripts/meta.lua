-- FirstCome: update an event's meta hash (limits, paused, closed) only if it exists.
-- KEYS[1] meta hash; ARGV: field, value pairs.
-- A missing meta hash means Redis lost the event's state: writing it now would put the event back on
-- sale with empty counters, so the caller answers 503 and the state is rebuilt from the database first.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
