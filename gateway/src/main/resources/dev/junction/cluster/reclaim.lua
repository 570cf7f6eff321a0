-- Frees the holds of an instance whose presence key has expired (it crashed or was cut off), so its
-- reservations do not stay reserved forever, and remembers their ids (KEYS[4]): should the instance come
-- back and settle one, the charge is owed (settle.lua). Does nothing if the instance is present after all.
-- KEYS[1] its holds hash, KEYS[2] its presence key, KEYS[3] the set of instances with holds,
-- KEYS[4] its reclaimed holds. ARGV[1] its id, ARGV[2] how long reclaimed ids are remembered (ms).
-- Each hold record is "<key budget>\n<account budget>\n<workspace budget>\n<negated amount>" (before workspaces
-- were shared: without the workspace line).
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local budgets = {}
  for line in string.gmatch(entries[i + 1], '[^\n]+') do budgets[#budgets + 1] = line end
  local negated = table.remove(budgets)
  for _, budget in ipairs(budgets) do
    if redis.call('EXISTS', budget) == 1 then redis.call('HINCRBY', budget, 'held', negated) end
  end
  redis.call('HSET', KEYS[4], entries[i], '1')
end
if #entries > 0 then redis.call('PEXPIRE', KEYS[4], ARGV[2]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return #entries / 2
