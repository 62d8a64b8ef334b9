-- Returns an order's reserved items to stock, at most once; marks an order that never reserved so
-- that a late reservation is refused. KEYS[1] = the order's reservation hash.
-- Returns 1 when this call returned the items, 0 otherwise.
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'RETURNED' then
  return 0
end
if state == 'RESERVED' then
  local fields = redis.call('HGETALL', KEYS[1])
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 2) == 'k:' then
      redis.call('HINCRBY', string.sub(fields[i], 3), 'stock', tonumber(fields[i + 1]))
    end
  end
  redis.call('HSET', KEYS[1], 'state', 'RETURNED')
  return 1
end
redis.call('HSET', KEYS[1], 'state', 'RETURNED')
return 0
