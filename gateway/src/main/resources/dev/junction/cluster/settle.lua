-- Settles a hold to its exact cost: frees the hold and charges the cost to the key's period counters, the
-- account's usage and the key's workspace's period counters — in each budget that is still the one the request
-- was admitted against (its seed is the same), so that the charge lands there exactly once:
--   the hold is there: nothing was charged for it yet; free it and charge;
--   it was reclaimed (its instance seemed gone, KEYS[4]): it is freed but not charged; charge;
--   neither: an earlier run of this script settled it and its answer was lost; nothing to do.
-- A budget that is gone, or was seeded anew from the database since the admission (Redis lost its data),
-- may or may not hold this charge in its seed, which only the generation's usage record can tell: it is
-- left to the caller, which replays the charge once that record is in the database (replay.lua).
-- A charge made with the account's own provider key (BYOK) counts toward the workspace only when its limits
-- say so ('byok' = '1'); its hold is freed there all the same.
-- KEYS[1] key budget, KEYS[2] account budget, KEYS[3] the instance's holds, KEYS[4] its reclaimed holds,
-- KEYS[5] workspace budget, KEYS[6] workspace limits.
-- ARGV[1] hold id, ARGV[2] cost (pico-dollars), ARGV[3..5] UTC day, week start, month start,
-- ARGV[6] the key budget's seed at admission, ARGV[7] the account budget's, ARGV[8] the workspace budget's,
-- ARGV[9] '1' when the charge was made with a BYOK key, ARGV[10] '0' when the key's limit does not count it
-- (a BYOK charge of a key with include_byok_in_limit off): its hold is freed there all the same.
-- Replies {key budget, account budget, workspace budget}: 1 accounted for there (now or before), 0 left to the caller.
local record = redis.call('HGET', KEYS[3], ARGV[1])
local owed = false
if record then
  redis.call('HDEL', KEYS[3], ARGV[1])
  owed = true
elseif redis.call('HDEL', KEYS[4], ARGV[1]) == 1 then
  owed = true
end
-- The record's lines, read in one pass: an end-anchored pattern ('([^\n]+)$') is tried from every position of the
-- record, and cost 29 µs a settlement.
local lines = {}
if record then
  for line in string.gmatch(record, '[^\n]+') do lines[#lines + 1] = line end
end
local negated = lines[#lines]
-- A hold admitted before workspaces were shared has no workspace line: nothing is held there to free.
local held_in_workspace = #lines >= 4
local counts_in_workspace = ARGV[9] ~= '1' or redis.call('HGET', KEYS[6], 'byok') == '1'
local counts_for_key = ARGV[10] ~= '0'
local budgets = {KEYS[1], KEYS[2], KEYS[5]}
local done = {0, 0, 0}
for b = 1, 3 do
  local budget = budgets[b]
  if redis.call('EXISTS', budget) == 1 and (redis.call('HGET', budget, 'seed') or '') == ARGV[5 + b] then
    if negated and (b < 3 or held_in_workspace) then redis.call('HINCRBY', budget, 'held', negated) end
    if owed and ARGV[2] ~= '0' and (b == 2 or (b == 1 and counts_for_key) or (b == 3 and counts_in_workspace)) then
      if b == 2 then
        redis.call('HINCRBY', budget, 'usage', ARGV[2])
      else
        local marks = redis.call('HMGET', budget, 'day', 'week', 'month')
        if marks[1] ~= ARGV[3] then redis.call('HSET', budget, 'd', '0', 'day', ARGV[3]) end
        if marks[2] ~= ARGV[4] then redis.call('HSET', budget, 'w', '0', 'week', ARGV[4]) end
        if marks[3] ~= ARGV[5] then redis.call('HSET', budget, 'm', '0', 'month', ARGV[5]) end
        redis.call('HINCRBY', budget, 'total', ARGV[2])
        redis.call('HINCRBY', budget, 'd', ARGV[2])
        redis.call('HINCRBY', budget, 'w', ARGV[2])
        redis.call('HINCRBY', budget, 'm', ARGV[2])
      end
    end
    done[b] = 1
  end
end
return done
