-- FirstCome admission: one atomic decision per apply.
-- KEYS[1] meta hash     <prefix>:{evt:<id>}:meta   (total, daily, paused, closed)
-- KEYS[2] applied hash  <prefix>:{evt:<id>}:applied (userId -> "admissionId:rank:day:admittedAtMillis")
-- KEYS[3] total counter <prefix>:{evt:<id>}:total
-- KEYS[4] day counter   <prefix>:{evt:<id>}:day:<yyyy-MM-dd>
-- KEYS[5] sequence      <prefix>:{evt:<id>}:seq     (never decremented: admission ids are unique)
-- ARGV[1] userId, ARGV[2] day (yyyy-MM-dd), ARGV[3] now (epoch millis), ARGV[4] day counter TTL (seconds)
-- Returns {outcome} or {'ISSUED', rank, admissionId}; {'NO_STATE'} when the meta hash is missing
-- (Redis lost its data: the event must be rebuilt from the database before it admits again).
local meta = redis.call('HMGET', KEYS[1], 'total', 'daily', 'paused', 'closed')
if not meta[1] then
  return {'NO_STATE'}
end
if meta[4] == '1' then
  return {'CLOSED'}
end
if meta[3] == '1' then
  return {'PAUSED'}
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return {'ALREADY_APPLIED'}
end
local issued = tonumber(redis.call('GET', KEYS[3]) or '0')
if issued >= tonumber(meta[1]) then
  return {'SOLD_OUT'}
end
local daily = tonumber(meta[2] or '0')
if daily > 0 then
  local today = tonumber(redis.call('GET', KEYS[4]) or '0')
  if today >= daily then
    return {'DAILY_SOLD_OUT'}
  end
end
local rank = redis.call('INCR', KEYS[3])
if redis.call('INCR', KEYS[4]) == 1 then
  redis.call('EXPIRE', KEYS[4], tonumber(ARGV[4]))
end
local admissionId = redis.call('INCR', KEYS[5])
redis.call('HSET', KEYS[2], ARGV[1], admissionId .. ':' .. rank .. ':' .. ARGV[2] .. ':' .. ARGV[3])
return {'ISSUED', rank, admissionId}
