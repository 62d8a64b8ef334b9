-- FirstCome waiting room: one event's queue, every step atomic. All keys share the event's hash slot.
-- KEYS[1] meta hash    <prefix>:{evt:<id>}:q:meta    next, admitted, opened, openedAt, seed, digest,
--                                                     preCount, lastAt, credit, paused, soldOut, m0t, m0a, m1t, m1a
-- KEYS[2] users hash   <prefix>:{evt:<id>}:q:users   userId -> ticketId (one ticket per user)
-- KEYS[3] tickets hash <prefix>:{evt:<id>}:q:tickets ticketId -> userId
-- KEYS[4] pre list     <prefix>:{evt:<id>}:q:pre     the shuffled pre-queue's tickets in arrival order (until the opening)
-- KEYS[5] num hash     <prefix>:{evt:<id>}:q:num     ticketId -> n, its place in line (1 = first let in)
-- KEYS[6] turn hash    <prefix>:{evt:<id>}:q:turn    ticketId -> when its turn was first seen (epoch millis)
-- KEYS[7] order list   <prefix>:{evt:<id>}:q:order   the shuffled pre-queue, first let in first (the audit)
-- ARGV[1] op: join | poll | tick | pause | resume | soldout | stats
-- ARGV[2] now (epoch millis), ARGV[3] the opening (startsAt, epoch millis), ARGV[4] mode (FIFO |
-- SHUFFLED_PREQUEUE), ARGV[5] a fresh random seed (used only by the run that opens the queue),
-- ARGV[6] outflow per second; join: ARGV[7] userId, ARGV[8] a fresh ticket id; poll: ARGV[7] ticketId.
--
-- Opening (the first run at or after startsAt): SHUFFLED_PREQUEUE sorts the pre-queue by
-- sha1hex(seed .. ':' .. ticketId) (ties by ticketId; ids are unique, so never) and numbers it 1..P;
-- digest = sha1hex(the pre-queue's ticket ids sorted as strings, joined by '\n'). Later arrivals are
-- numbered in arrival order after them (FIFO numbers everyone on arrival).
-- Outflow (tick): credit += rate * (now - lastAt) / 1000, capped at two seconds' worth (a late tick catches up); the whole part
-- of the credit is let in (admitted += k, never past the last numbered ticket). Any number of servers
-- may tick: the credit is earned by elapsed time, not by calls, so the outflow is the rate, never N x rate.
-- Measured outflow: two samples (m0, m1) of admitted, taken at least 5 s apart.
local op = ARGV[1]
local now = tonumber(ARGV[2])
local startsAt = tonumber(ARGV[3])
local mode = ARGV[4]
local rate = tonumber(ARGV[6])

local function num(field)
  return tonumber(redis.call('HGET', KEYS[1], field) or '0')
end

local function ensureOpened()
  if redis.call('HGET', KEYS[1], 'opened') == '1' then
    return true
  end
  if now < startsAt then
    return false
  end
  local nxt = num('next')
  local admitted = num('admitted')
  if mode == 'SHUFFLED_PREQUEUE' then
    local seed = ARGV[5]
    local pre = redis.call('LRANGE', KEYS[4], 0, -1)
    local keyed = {}
    local sorted = {}
    for i, t in ipairs(pre) do
      keyed[i] = {redis.sha1hex(seed .. ':' .. t), t}
      sorted[i] = t
    end
    table.sort(keyed, function(a, b)
      if a[1] == b[1] then return a[2] < b[2] end
      return a[1] < b[1]
    end)
    table.sort(sorted)
    local chunk = {}
    for i, kt in ipairs(keyed) do
      redis.call('HSET', KEYS[5], kt[2], nxt + i)
      chunk[#chunk + 1] = kt[2]
      if #chunk == 1000 then
        redis.call('RPUSH', KEYS[7], unpack(chunk))
        chunk = {}
      end
    end
    if #chunk > 0 then
      redis.call('RPUSH', KEYS[7], unpack(chunk))
    end
    nxt = nxt + #pre
    redis.call('HSET', KEYS[1], 'seed', seed, 'digest', redis.sha1hex(table.concat(sorted, '\n')),
      'preCount', #pre)
    redis.call('DEL', KEYS[4])
  end
  redis.call('HSET', KEYS[1], 'opened', '1', 'openedAt', now, 'lastAt', now, 'next', nxt, 'credit', '0',
    'm0t', now, 'm0a', admitted, 'm1t', now, 'm1a', admitted)
  return true
end

local function measured()
  local m0t = num('m0t')
  local m1t = num('m1t')
  local admitted = num('admitted')
  if m1t - m0t < 1000 then
    return -1
  end
  return math.floor((num('m1a') - num('m0a')) * 1000000 / (m1t - m0t))
end

-- {code, ticketId, n, admitted, turnAt, preCount, paused, measured milli-tickets/s, next, userId}
local function answer(ticket, userId)
  local opened = ensureOpened()
  local meta = redis.call('HMGET', KEYS[1], 'admitted', 'paused', 'soldOut', 'next')
  local admitted = tonumber(meta[1] or '0')
  local paused = meta[2] == '1' and 1 or 0
  local nxt = tonumber(meta[4] or '0')
  local preCount = opened and 0 or redis.call('LLEN', KEYS[4])
  if meta[3] == '1' then
    return {'SOLD_OUT', ticket, 0, admitted, 0, preCount, paused, measured(), nxt, userId}
  end
  local n = tonumber(redis.call('HGET', KEYS[5], ticket) or '0')
  if not opened then
    return {'PREQUEUE', ticket, n, admitted, 0, preCount, paused, -1, nxt, userId}
  end
  local turnAt = 0
  if n > 0 and n <= admitted then
    redis.call('HSETNX', KEYS[6], ticket, now)
    turnAt = tonumber(redis.call('HGET', KEYS[6], ticket))
  end
  return {'QUEUED', ticket, n, admitted, turnAt, preCount, paused, measured(), nxt, userId}
end

if op == 'join' then
  local userId = ARGV[7]
  local existing = redis.call('HGET', KEYS[2], userId)
  if existing then
    return answer(existing, userId)
  end
  local ticket = ARGV[8]
  local opened = ensureOpened()
  redis.call('HSET', KEYS[2], userId, ticket)
  redis.call('HSET', KEYS[3], ticket, userId)
  if mode == 'SHUFFLED_PREQUEUE' and not opened then
    redis.call('RPUSH', KEYS[4], ticket)
  else
    redis.call('HSET', KEYS[5], ticket, redis.call('HINCRBY', KEYS[1], 'next', 1))
  end
  return answer(ticket, userId)
elseif op == 'poll' then
  local ticket = ARGV[7]
  local userId = redis.call('HGET', KEYS[3], ticket)
  if not userId then
    return {'UNKNOWN'}
  end
  return answer(ticket, userId)
elseif op == 'tick' then
  local opened = ensureOpened()
  if opened then
    local meta = redis.call('HMGET', KEYS[1], 'paused', 'soldOut', 'lastAt', 'credit', 'admitted', 'next', 'm1t')
    local lastAt = tonumber(meta[3] or '0')
    if meta[1] == '1' or meta[2] == '1' then
      redis.call('HSET', KEYS[1], 'lastAt', math.max(now, lastAt), 'credit', '0')
    elseif now > lastAt then
      local credit = tonumber(meta[4] or '0') + rate * (now - lastAt) / 1000
      if credit > 2 * rate then
        credit = 2 * rate
      end
      local admitted = tonumber(meta[5] or '0')
      local waiting = tonumber(meta[6] or '0') - admitted
      local k = math.floor(credit)
      if k > waiting then
        k = waiting
      end
      admitted = admitted + k
      credit = credit - k
      redis.call('HSET', KEYS[1], 'lastAt', now, 'credit', tostring(credit), 'admitted', admitted)
    end
    if now - tonumber(meta[7] or '0') >= 5000 then
      local m1 = redis.call('HMGET', KEYS[1], 'm1t', 'm1a')
      redis.call('HSET', KEYS[1], 'm0t', m1[1], 'm0a', m1[2], 'm1t', now, 'm1a', num('admitted'))
    end
  end
elseif op == 'pause' then
  redis.call('HSET', KEYS[1], 'paused', '1')
elseif op == 'resume' then
  redis.call('HSET', KEYS[1], 'paused', '0', 'lastAt', now, 'credit', '0')
elseif op == 'soldout' then
  redis.call('HSET', KEYS[1], 'soldOut', '1')
end
-- tick, pause, resume, soldout, stats:
-- {opened, admitted, next, paused, soldOut, measured, preCount, tickets, seed, digest}
local meta = redis.call('HMGET', KEYS[1], 'opened', 'admitted', 'next', 'paused', 'soldOut', 'preCount', 'seed', 'digest')
local opened = meta[1] == '1'
return {opened and 1 or 0, tonumber(meta[2] or '0'), tonumber(meta[3] or '0'), meta[4] == '1' and 1 or 0,
  meta[5] == '1' and 1 or 0, measured(), opened and tonumber(meta[6] or '0') or redis.call('LLEN', KEYS[4]),
  redis.call('HLEN', KEYS[3]), meta[7] or '', meta[8] or ''}
