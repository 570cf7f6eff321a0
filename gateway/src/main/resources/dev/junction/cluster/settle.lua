-- Settles a hold to its exact cost: frees the hold (if it is still there: a hold reclaimed from an
-- instance presumed dead has been freed already) and charges the cost to the key's period counters and
-- the account's usage. With an empty hold id it only charges (spending made while Redis was away).
-- KEYS[1] key budget, KEYS[2] account budget, KEYS[3] the instance's holds hash.
-- ARGV[1] hold id or '', ARGV[2] cost (pico-dollars), ARGV[3..5] UTC day, week start, month start.
if ARGV[1] ~= '' then
  local record = redis.call('HGET', KEYS[3], ARGV[1])
  if record then
    redis.call('HDEL', KEYS[3], ARGV[1])
    local negated = string.match(record, '([^\n]+)$')
    if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'held', negated) end
    if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('HINCRBY', KEYS[2], 'held', negated) end
  end
end
if ARGV[2] == '0' then return 0 end
local key = KEYS[1]
if redis.call('EXISTS', key) == 1 then
  local marks = redis.call('HMGET', key, 'day', 'week', 'month')
  if marks[1] ~= ARGV[3] then redis.call('HSET', key, 'd', '0', 'day', ARGV[3]) end
  if marks[2] ~= ARGV[4] then redis.call('HSET', key, 'w', '0', 'week', ARGV[4]) end
  if marks[3] ~= ARGV[5] then redis.call('HSET', key, 'm', '0', 'month', ARGV[5]) end
  redis.call('HINCRBY', key, 'total', ARGV[2])
  redis.call('HINCRBY', key, 'd', ARGV[2])
  redis.call('HINCRBY', key, 'w', ARGV[2])
  redis.call('HINCRBY', key, 'm', ARGV[2])
end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('HINCRBY', KEYS[2], 'usage', ARGV[2]) end
return 1
