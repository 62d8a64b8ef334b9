-- FirstCome: change an event's limits atomically, never below what is already issued.
-- KEYS[1] meta hash, KEYS[2] total counter, KEYS[3] today's counter
-- ARGV[1] new total, ARGV[2] new daily (0 = no daily limit)
-- Returns {'OK'} or {'TOTAL_BELOW_ISSUED', issued} or {'DAILY_BELOW_ISSUED', issuedToday} or {'NO_STATE'}.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NO_STATE'}
end
local issued = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) < issued then
  return {'TOTAL_BELOW_ISSUED', issued}
end
local today = tonumber(redis.call('GET', KEYS[3]) or '0')
local daily = tonumber(ARGV[2])
if daily > 0 and daily < today then
  return {'DAILY_BELOW_ISSUED', today}
end
redis.call('HSET', KEYS[1], 'total', ARGV[1], 'daily', ARGV[2])
return {'OK'}
