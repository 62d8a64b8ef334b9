-- FirstCome: write an event's limits and status into its meta hash under the version the database is
-- committing (every operator edit, and the repair after an uncertain one). Run while the edit holds
-- the event's row lock, so edits never interleave; the version guards against late writes.
-- KEYS[1] meta hash, KEYS[2] total counter, KEYS[3] today's counter
-- ARGV[1] version, ARGV[2] total, ARGV[3] daily (0 = no daily limit), ARGV[4] paused (0/1),
-- ARGV[5] closed (0/1), ARGV[6] mode:
--   'check' refuse a total below the coupons issued or a daily quantity below today's (limits edited)
--   'keep'  write as given (the edit left the limits alone)
--   'clamp' raise the total and daily quantity to what was issued (repair: a promise is never broken)
-- Returns {'OK', total, daily} (what was written), {'TOTAL_BELOW_ISSUED', issued},
-- {'DAILY_BELOW_ISSUED', issuedToday}, {'STALE', storedVersion} when the hash already holds this or a
-- later version (a late or repeated write never takes the limits backward), or {'NO_STATE'}.
-- A missing meta hash means Redis lost the event's state: writing it now would put the event back on
-- sale with empty counters, so nothing is written and the state is rebuilt from the database first.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NO_STATE'}
end
local version = tonumber(ARGV[1])
local stored = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version <= stored then
  return {'STALE', stored}
end
local total = tonumber(ARGV[2])
local daily = tonumber(ARGV[3])
local mode = ARGV[6]
if mode ~= 'keep' then
  local issued = tonumber(redis.call('GET', KEYS[2]) or '0')
  local today = tonumber(redis.call('GET', KEYS[3]) or '0')
  if mode == 'clamp' then
    if total < issued then
      total = issued
    end
    if daily > 0 and daily < today then
      daily = today
    end
  else
    if total < issued then
      return {'TOTAL_BELOW_ISSUED', issued}
    end
    if daily > 0 and daily < today then
      return {'DAILY_BELOW_ISSUED', today}
    end
  end
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'total', total, 'daily', daily, 'paused', ARGV[4],
  'closed', ARGV[5])
return {'OK', total, daily}
