-- Admits one request: its rate limits, then its credit hold, atomically across every instance. A refused
-- request (rate limit, key limit or balance) writes no rate schedule: it counts against none of its limits.
-- KEYS[1] key budget hash, KEYS[2] account budget hash, KEYS[3] this instance's holds hash,
-- KEYS[4] the key's stamp, KEYS[5] the key's workspace budget hash (its spending, as a key's), KEYS[6] that
-- workspace's limits hash (interval -> limit, 'byok'), KEYS[7..] one GCRA schedule per rate rule.
-- ARGV[1] worst-case amount (pico-dollars), ARGV[2] key limit or '', ARGV[3] limit field (total|d|w|m),
-- ARGV[4] '1' to enforce the account balance, ARGV[5..7] current UTC day, week start, month start,
-- ARGV[8] hold id, ARGV[9] hold record, ARGV[10] budget expiry (ms),
-- ARGV[11] the stamp the caller's copy of the key was read under ('' = not checked: a configured key),
-- then per rule: emission (µs), tolerance (µs), schedule expiry (ms).
-- The stamp is checked first: a copy of the key read before its latest change (made through any instance)
-- is not admitted under its old limits, nor at all if the key is now disabled or deleted.
-- Rate limits run on Redis's clock, not the callers': every instance's requests are then measured on
-- one clock in the order Redis runs them (a caller's timestamp, taken before the request queued, can
-- be older than one already admitted and would wrongly refuse the last request of a burst).
-- Replies {0, key budget seed, account budget seed, workspace budget seed} admitted, {1} budgets not loaded,
-- {2, rule, wait µs, now µs} rate limited, {3, remaining} key limit, {4, available} balance,
-- {5} the key changed since the caller's copy was read, {6, interval, remaining, limit} a workspace budget.
-- Amounts change only through HINCRBY (exact 64-bit integers); Lua compares them as doubles, exact
-- below 2^53 pico-dollars (about $9,007) and within a few pico-dollars above.
local fmt = function(v) return string.format('%.0f', v) end
if ARGV[11] ~= '' and redis.call('GET', KEYS[4]) ~= ARGV[11] then
  return {5}
end
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 or redis.call('EXISTS', KEYS[5]) == 0
    or redis.call('EXISTS', KEYS[6]) == 0 then
  return {1}
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local rules = #KEYS - 6
local worst, refusing = 0, 0
local next_tat = {}
for i = 1, rules do
  local base = 12 + (i - 1) * 3
  local emission, tolerance = tonumber(ARGV[base]), tonumber(ARGV[base + 1])
  local tat = tonumber(redis.call('GET', KEYS[6 + i]) or '0')
  local scheduled = math.max(tat, now)
  local wait = scheduled - now - tolerance
  if wait > worst then worst, refusing = wait, i end
  next_tat[i] = scheduled + emission
end
if refusing > 0 then
  return {2, refusing, fmt(worst), fmt(now)}
end

local function roll(budget)
  local marks = redis.call('HMGET', budget, 'day', 'week', 'month')
  if marks[1] ~= ARGV[5] then redis.call('HSET', budget, 'd', '0', 'day', ARGV[5]) end
  if marks[2] ~= ARGV[6] then redis.call('HSET', budget, 'w', '0', 'week', ARGV[6]) end
  if marks[3] ~= ARGV[7] then redis.call('HSET', budget, 'm', '0', 'month', ARGV[7]) end
end
local key, workspace = KEYS[1], KEYS[5]
roll(key)
roll(workspace)

local amount = tonumber(ARGV[1])
if ARGV[2] ~= '' then
  local spent = redis.call('HMGET', key, ARGV[3], 'held')
  local remaining = tonumber(ARGV[2]) - tonumber(spent[1] or '0') - tonumber(spent[2] or '0')
  if amount > remaining then return {3, fmt(math.max(0, remaining))} end
end
local spent_in = {daily = 'd', weekly = 'w', monthly = 'm', lifetime = 'total'}
for _, interval in ipairs({'daily', 'weekly', 'monthly', 'lifetime'}) do
  local limit = redis.call('HGET', KEYS[6], interval)
  if limit then
    local spent = redis.call('HMGET', workspace, spent_in[interval], 'held')
    local remaining = tonumber(limit) - tonumber(spent[1] or '0') - tonumber(spent[2] or '0')
    if amount > remaining then return {6, interval, fmt(math.max(0, remaining)), limit} end
  end
end
if ARGV[4] == '1' then
  local a = redis.call('HMGET', KEYS[2], 'credits', 'usage', 'held')
  local available = tonumber(a[1] or '0') - tonumber(a[2] or '0') - tonumber(a[3] or '0')
  if amount > available then return {4, fmt(math.max(0, available))} end
end

-- Every rule and the money agreed: only now does the request count against its rate limits.
for i = 1, rules do
  redis.call('SET', KEYS[6 + i], fmt(next_tat[i]), 'PX', ARGV[14 + (i - 1) * 3])
end
redis.call('HINCRBY', key, 'held', ARGV[1])
redis.call('HINCRBY', KEYS[2], 'held', ARGV[1])
redis.call('HINCRBY', workspace, 'held', ARGV[1])
redis.call('HSET', KEYS[3], ARGV[8], ARGV[9])
redis.call('PEXPIRE', key, ARGV[10])
redis.call('PEXPIRE', KEYS[2], ARGV[10])
redis.call('PEXPIRE', workspace, ARGV[10])
redis.call('PEXPIRE', KEYS[6], ARGV[10])
if ARGV[11] ~= '' then redis.call('PEXPIRE', KEYS[4], ARGV[10]) end
return {0, redis.call('HGET', key, 'seed') or '', redis.call('HGET', KEYS[2], 'seed') or '',
  redis.call('HGET', workspace, 'seed') or ''}
