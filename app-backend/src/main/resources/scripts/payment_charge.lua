-- The simulated payment gateway's record of one idempotency key: the first request charges (or declines),
-- every later request with the same key answers the recorded outcome and charges nothing.
-- KEYS[1] = the key's record (hash: status, amount, at, requests)
-- ARGV[1] = the outcome of a first request (CHARGED or DECLINED), ARGV[2] = the amount (minor units),
-- ARGV[3] = now (epoch milliseconds), ARGV[4] = how long the record is kept (seconds)
-- Returns the recorded outcome.
redis.call('HINCRBY', KEYS[1], 'requests', 1)
local status = redis.call('HGET', KEYS[1], 'status')
if status then
  return status
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'amount', ARGV[2], 'at', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return ARGV[1]
