-- The minimal dedupe-and-count script of issue 19's denominator: SISMEMBER, GET, SADD, INCR.
-- KEYS[1] the applied set, KEYS[2] the counter; ARGV[1] the user, ARGV[2] the total.
-- Returns -1 already applied, 0 sold out, else the admission's rank.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return -1
end
local issued = tonumber(redis.call('GET', KEYS[2]) or '0')
if issued >= tonumber(ARGV[2]) then
  return 0
end
redis.call('SADD', KEYS[1], ARGV[1])
return redis.call('INCR', KEYS[2])
