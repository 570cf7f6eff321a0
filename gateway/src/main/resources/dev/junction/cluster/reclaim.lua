-- Frees the holds of an instance whose presence key has expired (it crashed or was cut off), so its
-- reservations do not stay reserved forever, and remembers their ids (KEYS[4]): should the instance come
-- back and settle one, the charge is owed (settle.lua). Does nothing if the instance is present after all.
-- KEYS[1] its holds hash, KEYS[2] its presence key, KEYS[3] the set of instances with holds,
-- KEYS[4] its reclaimed holds. ARGV[1] its id, ARGV[2] how long reclaimed ids are remembered (ms).
-- Each hold record is "<key budget>\n<account budget>\n<negated amount>".
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local key, account, negated = string.match(entries[i + 1], '([^\n]+)\n([^\n]+)\n([^\n]+)')
  if redis.call('EXISTS', key) == 1 then redis.call('HINCRBY', key, 'held', negated) end
  if redis.call('EXISTS', account) == 1 then redis.call('HINCRBY', account, 'held', negated) end
  redis.call('HSET', KEYS[4], entries[i], '1')
end
if #entries > 0 then redis.call('PEXPIRE', KEYS[4], ARGV[2]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return #entries / 2
