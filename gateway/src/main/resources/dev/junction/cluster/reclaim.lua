-- Frees the holds of an instance whose presence key has expired (it crashed or was cut off), so its
-- reservations do not stay reserved forever. Does nothing if the instance is present after all.
-- KEYS[1] its holds hash, KEYS[2] its presence key, KEYS[3] the set of instances with holds.
-- ARGV[1] its id. Each hold record is "<key budget>\n<account budget>\n<negated amount>".
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local records = redis.call('HVALS', KEYS[1])
for _, record in ipairs(records) do
  local key, account, negated = string.match(record, '([^\n]+)\n([^\n]+)\n([^\n]+)')
  if redis.call('EXISTS', key) == 1 then redis.call('HINCRBY', key, 'held', negated) end
  if redis.call('EXISTS', account) == 1 then redis.call('HINCRBY', account, 'held', negated) end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return #records
