-- Seeds a key's, its account's and its workspace's budgets from one snapshot of the database, unless another
-- instance already has; an account budget seeded already takes the snapshot's credits if they are newer (more
-- grants) than its own, so a grant never goes missing whichever seeding lands first.
-- Each budget keeps the seed's id (which settlements compare: was the budget seeded anew since the
-- admission?) and, per instance, the mark of its last usage batch in the snapshot ('m:<instance>'):
-- a charge replayed later is added only if its batch is beyond that mark (replay.lua).
-- A workspace's limits are put only where Redis has none: a change made since the snapshot was read wrote them
-- already (limits.lua), and is newer.
-- KEYS[1] key budget (skipped when ARGV[1] is ''), KEYS[2] account budget, KEYS[3] workspace budget and
-- KEYS[4] its limits (skipped when ARGV[13] is '').
-- ARGV[1..4] key total, day, week, month spending; ARGV[5..7] UTC day, week start, month start;
-- ARGV[8] account credits, ARGV[9] the number of grants they sum, ARGV[10] account usage,
-- ARGV[11] expiry (ms), ARGV[12] the seed's id, ARGV[13..16] workspace total, day, week, month spending,
-- ARGV[17..20] its daily, weekly, monthly and lifetime limits ('' for none), ARGV[21] '1' when BYOK spending
-- counts toward them, then pairs: instance id, its batch mark.
local function seeded(budget)
  redis.call('HSET', budget, 'seed', ARGV[12])
  for i = 22, #ARGV, 2 do
    redis.call('HSET', budget, 'm:' .. ARGV[i], ARGV[i + 1])
  end
  redis.call('PEXPIRE', budget, ARGV[11])
end
local function spending(budget, first)
  redis.call('HSET', budget, 'total', ARGV[first], 'd', ARGV[first + 1], 'w', ARGV[first + 2], 'm', ARGV[first + 3],
    'day', ARGV[5], 'week', ARGV[6], 'month', ARGV[7], 'held', '0')
  seeded(budget)
end
if ARGV[1] ~= '' and redis.call('EXISTS', KEYS[1]) == 0 then
  spending(KEYS[1], 1)
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('HSET', KEYS[2], 'credits', ARGV[8], 'grants', ARGV[9], 'usage', ARGV[10], 'held', '0')
  seeded(KEYS[2])
elseif tonumber(ARGV[9]) > tonumber(redis.call('HGET', KEYS[2], 'grants') or '-1') then
  redis.call('HSET', KEYS[2], 'credits', ARGV[8], 'grants', ARGV[9])
end
if ARGV[13] ~= '' then
  if redis.call('EXISTS', KEYS[3]) == 0 then
    spending(KEYS[3], 13)
  end
  if redis.call('EXISTS', KEYS[4]) == 0 then
    redis.call('HSET', KEYS[4], 'byok', ARGV[21])
    local intervals = {'daily', 'weekly', 'monthly', 'lifetime'}
    for i = 1, 4 do
      if ARGV[16 + i] ~= '' then redis.call('HSET', KEYS[4], intervals[i], ARGV[16 + i]) end
    end
    redis.call('PEXPIRE', KEYS[4], ARGV[11])
  end
end
return 1
