-- Keeps an account's credits in step with the database: ARGV[1] 'add' (a grant just made) or 'set'
-- (the database's total), ARGV[2] the amount. Nothing to do for an account no instance has loaded.
-- KEYS[1] account budget.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == 'add' then
  redis.call('HINCRBY', KEYS[1], 'credits', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'credits', ARGV[2])
end
return 1
