-- Keeps an account's credits in step with the database: takes the database's total if it sums more grants
-- than the figure Redis has (grants are only added, so more grants is newer, whatever order readings
-- arrive in). Replies 0 when no instance has loaded the account (it is seeded from the database, which has
-- the grant), 1 otherwise.
-- KEYS[1] account budget. ARGV[1] credits (pico-dollars), ARGV[2] the number of grants they sum.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if tonumber(ARGV[2]) > tonumber(redis.call('HGET', KEYS[1], 'grants') or '-1') then
  redis.call('HSET', KEYS[1], 'credits', ARGV[1], 'grants', ARGV[2])
end
return 1
