-- FirstCome: claim one admission for republishing (heal, or the lost admission repair).
-- KEYS[1] applied hash, KEYS[2] revoked set, KEYS[3] republished hash (admission id -> claimed at, millis)
-- ARGV[1] userId, ARGV[2] admissionId, ARGV[3] now (millis), ARGV[4] lease (millis)
-- Returns 1 when the caller may republish: the user still holds exactly this admission, it was never
-- revoked, and no other claim younger than the lease exists. The claim stays: undo.lua then keeps the
-- admission (a republished record must not be undone, or the consumer could persist a coupon whose slot
-- was given back). Returns 0 otherwise (undone, revoked, replaced, or being republished elsewhere).
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then
  return 0
end
local id = string.match(entry, '^(%d+):')
if id ~= ARGV[2] then
  return 0
end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then
  return 0
end
local claimed = redis.call('HGET', KEYS[3], ARGV[2])
if claimed and tonumber(ARGV[3]) - tonumber(claimed) < tonumber(ARGV[4]) then
  return 0
end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
return 1
