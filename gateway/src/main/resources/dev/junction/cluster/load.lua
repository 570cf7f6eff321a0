-- Seeds a key's and an account's budgets from the database, unless another instance already has.
-- KEYS[1] key budget ('' fields skipped when ARGV[1] is ''), KEYS[2] account budget.
-- ARGV[1..4] key total, day, week, month spending; ARGV[5..7] UTC day, week start, month start;
-- ARGV[8] account credits, ARGV[9] account usage, ARGV[10] expiry (ms).
if ARGV[1] ~= '' and redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'total', ARGV[1], 'd', ARGV[2], 'w', ARGV[3], 'm', ARGV[4],
    'day', ARGV[5], 'week', ARGV[6], 'month', ARGV[7], 'held', '0')
  redis.call('PEXPIRE', KEYS[1], ARGV[10])
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('HSET', KEYS[2], 'credits', ARGV[8], 'usage', ARGV[9], 'held', '0')
  redis.call('PEXPIRE', KEYS[2], ARGV[10])
end
return 1
