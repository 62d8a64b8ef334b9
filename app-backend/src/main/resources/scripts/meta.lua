-- FirstCome: (re)create an event's meta hash from the database once its admission state was rebuilt.
-- Run while the rebuild holds the event's row lock, with a version the database committed above
-- every version an edit may have tried before (so a late write of an older edit is refused after).
-- KEYS[1] meta hash; ARGV[1] version, ARGV[2] total, ARGV[3] daily (0 = none), ARGV[4] paused (0/1),
-- ARGV[5] closed (0/1).
-- Writes when the hash is missing or holds an older version. Returns {'OK'} or {'STALE', storedVersion}.
local stored = redis.call('HGET', KEYS[1], 'version')
if stored and tonumber(stored) >= tonumber(ARGV[1]) then
  return {'STALE', tonumber(stored)}
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'total', ARGV[2], 'daily', ARGV[3], 'paused', ARGV[4],
  'closed', ARGV[5])
return {'OK'}
