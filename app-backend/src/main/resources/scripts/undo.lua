-- FirstCome: undo exactly one admission whose Kafka hand-off failed.
-- KEYS[1] applied hash, KEYS[2] total counter, KEYS[3] day counter (the admission's day), KEYS[4] revoked set,
-- KEYS[5] republished hash (admissions heal or the repair claimed and republished: republish.lua)
-- ARGV[1] userId, ARGV[2] admissionId
-- The admission id goes to the revoked set so that a record the broker wrote after all is dropped by
-- the consumer. Returns 1 when undone, 0 when the user holds no admission or a different one, 2 when the
-- admission was republished meanwhile (it is kept: its record persists, and its slot stays taken).
if redis.call('HEXISTS', KEYS[5], ARGV[2]) == 1 then
  return 2
end
local entry = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[2])
if not entry then
  return 0
end
local id = string.match(entry, '^(%d+):')
if id ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('DECR', KEYS[3])
end
return 1
