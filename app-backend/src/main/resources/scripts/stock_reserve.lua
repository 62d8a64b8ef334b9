-- Reserves the items of one order, all or nothing, at most once per order.
-- KEYS[1] = the order's reservation hash, KEYS[2..] = the SKUs' hashes (fields stock, price)
-- ARGV[i] = the quantity of KEYS[i + 1]
-- Returns {1, amount} reserved (or already reserved by this order), {0, i} SKU i short of stock,
-- {-1, i} SKU i unknown, {-2, 0} the reservation was returned already (the order failed).
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'RESERVED' then
  return {1, tonumber(redis.call('HGET', KEYS[1], 'amount'))}
end
if state == 'RETURNED' then
  return {-2, 0}
end
for i = 2, #KEYS do
  local stock = redis.call('HGET', KEYS[i], 'stock')
  if not stock then
    return {-1, i - 1}
  end
  if tonumber(stock) < tonumber(ARGV[i - 1]) then
    return {0, i - 1}
  end
end
local amount = 0
for i = 2, #KEYS do
  local quantity = tonumber(ARGV[i - 1])
  redis.call('HINCRBY', KEYS[i], 'stock', -quantity)
  amount = amount + tonumber(redis.call('HGET', KEYS[i], 'price')) * quantity
  redis.call('HSET', KEYS[1], 'k:' .. KEYS[i], quantity)
end
redis.call('HSET', KEYS[1], 'state', 'RESERVED', 'amount', amount)
return {1, amount}
