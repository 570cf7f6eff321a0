-- Adds charges that could not be settled as usual once their usage records are in the database: made
-- while Redis was unreachable (failing open), or settled into a budget Redis has lost since (settle.lua
-- left them to the caller). A budget seeded from the database may contain such a charge already: it does
-- exactly when the usage batch that committed the record is at or below the seed's mark for that
-- instance ('m:<instance>', load.lua). So a charge is added to a budget only if its batch is beyond that
-- mark, and at most once (a marker per generation in KEYS[1]: a replay whose answer was lost is not added
-- again). Whatever order the instances recover in, each charge lands exactly once.
-- KEYS[1] this instance's replay markers, then per charge its key budget, account budget, workspace budget and
-- workspace limits.
-- ARGV[1] the id its usage batches are marked under, ARGV[2..4] UTC day, week start, month start,
-- ARGV[5] marker expiry (ms), then per charge 5 values: generation id, batch mark, cost (pico-dollars),
-- the UTC day it is counted on, which budgets it is owed to (letters: 'k' key, 'a' account, 'w' workspace,
-- 'b' a BYOK charge, which the workspace counts only when its limits say so).
-- Replies {0} done, or {1, n} when charge n's budgets are not loaded: nothing was added; the caller seeds
-- them and asks again.
local count = (#KEYS - 1) / 4
local field = 'm:' .. ARGV[1]
local function owes(which, letter) return string.find(which, letter, 1, true) ~= nil end
for i = 1, count do
  local which = ARGV[6 + (i - 1) * 5 + 4]
  local base = 4 * (i - 1) + 1
  if (owes(which, 'k') and redis.call('EXISTS', KEYS[base + 1]) == 0)
      or (owes(which, 'a') and redis.call('EXISTS', KEYS[base + 2]) == 0)
      or (owes(which, 'w') and (redis.call('EXISTS', KEYS[base + 3]) == 0 or redis.call('EXISTS', KEYS[base + 4]) == 0)) then
    return {1, i}
  end
end
local function periods(budget, cost, day)
  local marks = redis.call('HMGET', budget, 'day', 'week', 'month')
  if marks[1] ~= ARGV[2] then redis.call('HSET', budget, 'd', '0', 'day', ARGV[2]) end
  if marks[2] ~= ARGV[3] then redis.call('HSET', budget, 'w', '0', 'week', ARGV[3]) end
  if marks[3] ~= ARGV[4] then redis.call('HSET', budget, 'm', '0', 'month', ARGV[4]) end
  redis.call('HINCRBY', budget, 'total', cost)
  if day == ARGV[2] then redis.call('HINCRBY', budget, 'd', cost) end
  if day >= ARGV[3] then redis.call('HINCRBY', budget, 'w', cost) end
  if day >= ARGV[4] then redis.call('HINCRBY', budget, 'm', cost) end
end
for i = 1, count do
  local base = 6 + (i - 1) * 5
  local id, mark, cost, day, which = ARGV[base], tonumber(ARGV[base + 1]), ARGV[base + 2], ARGV[base + 3], ARGV[base + 4]
  if redis.call('HSETNX', KEYS[1], id, '1') == 1 then
    local k = 4 * (i - 1) + 1
    local key, account, workspace, limits = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4]
    if owes(which, 'k') and mark > tonumber(redis.call('HGET', key, field) or '0') then
      periods(key, cost, day)
    end
    if owes(which, 'a') and mark > tonumber(redis.call('HGET', account, field) or '0') then
      redis.call('HINCRBY', account, 'usage', cost)
    end
    if owes(which, 'w') and (not owes(which, 'b') or redis.call('HGET', limits, 'byok') == '1')
        and mark > tonumber(redis.call('HGET', workspace, field) or '0') then
      periods(workspace, cost, day)
    end
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {0}
