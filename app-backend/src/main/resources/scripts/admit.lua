-- FirstCome admission: one atomic decision per apply.
-- KEYS[1] meta hash     <prefix>:{evt:<id>}:meta   (total, daily, paused, closed)
-- KEYS[2] applied hash  <prefix>:{evt:<id>}:applied (userId -> "admissionId:rank:day:admittedAtMillis")
-- KEYS[3] total counter <prefix>:{evt:<id>}:total
-- KEYS[4] day counter   <prefix>:{evt:<id>}:day:<yyyy-MM-dd>
-- KEYS[5] sequence      <prefix>:{evt:<id>}:seq     (never decremented: admission ids are unique)
-- ARGV[1] userId, ARGV[2] day (yyyy-MM-dd), ARGV[3] now (epoch millis), ARGV[4] day counter TTL (seconds)
-- Returns {outcome} or {'ISSUED', rank, admissionId}; {'NO_STATE'} when the meta hash is missing
-- (Redis lost its data: the event must be rebuilt from the database before it admits again).
--
-- A batch: further applies of the same event and day follow as pairs, ARGV[5] userId, ARGV[6] now,
-- ARGV[7] userId, ARGV[8] now, ... (the apply server decides the applies that arrive while a script is
-- running in the next one). They are decided in ARGV order, each exactly as if it ran alone, and the
-- answer is then one triple per apply: outcome, rank, admissionId (0, 0 when refused), or {'NO_STATE'}.
local meta = redis.call('HMGET', KEYS[1], 'total', 'daily', 'paused', 'closed')
if not meta[1] then
  return {'NO_STATE'}
end
if #ARGV == 4 then
  -- one apply
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
end

-- a batch: the same checks in the same order for each apply; counters and the applied hash are written
-- once at the end (the script is atomic, so nothing can observe the difference)
local n = (#ARGV - 2) / 2
local results = {}
if meta[4] == '1' or meta[3] == '1' then
  local outcome = meta[4] == '1' and 'CLOSED' or 'PAUSED'
  for i = 1, n do
    results[#results + 1] = outcome
    results[#results + 1] = 0
    results[#results + 1] = 0
  end
  return results
end
local limit = tonumber(meta[1])
local daily = tonumber(meta[2] or '0')
local issued = tonumber(redis.call('GET', KEYS[3]) or '0')
local today = 0
if daily > 0 then
  today = tonumber(redis.call('GET', KEYS[4]) or '0')
end
local seq = nil
local added = 0
local fields = {}
local taken = {}
for i = 1, n do
  local user, now
  if i == 1 then
    user, now = ARGV[1], ARGV[3]
  else
    user, now = ARGV[2 * i + 1], ARGV[2 * i + 2]
  end
  local outcome, rank, admissionId = nil, 0, 0
  if taken[user] or redis.call('HEXISTS', KEYS[2], user) == 1 then
    outcome = 'ALREADY_APPLIED'
  elseif issued >= limit then
    outcome = 'SOLD_OUT'
  elseif daily > 0 and today >= daily then
    outcome = 'DAILY_SOLD_OUT'
  else
    if not seq then
      seq = tonumber(redis.call('GET', KEYS[5]) or '0')
    end
    issued = issued + 1
    today = today + 1
    seq = seq + 1
    added = added + 1
    taken[user] = true
    outcome, rank, admissionId = 'ISSUED', issued, seq
    fields[#fields + 1] = user
    fields[#fields + 1] = seq .. ':' .. issued .. ':' .. ARGV[2] .. ':' .. now
  end
  results[#results + 1] = outcome
  results[#results + 1] = rank
  results[#results + 1] = admissionId
end
if added > 0 then
  redis.call('INCRBY', KEYS[3], added)
  if redis.call('INCRBY', KEYS[4], added) == added then
    redis.call('EXPIRE', KEYS[4], tonumber(ARGV[4]))
  end
  redis.call('INCRBY', KEYS[5], added)
  redis.call('HSET', KEYS[2], unpack(fields))
end
return results
