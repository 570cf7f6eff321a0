-- Replaces a workspace's limits in Redis, just changed in the database, so that every instance's next admission
-- holds to them (admit.lua). Written whether or not the workspace's budget is seeded: a seeding reading an older
-- snapshot then keeps these (load.lua).
-- KEYS[1] the workspace's limits hash. ARGV[1..4] daily, weekly, monthly and lifetime limits ('' for none),
-- ARGV[5] '1' when BYOK spending counts toward them, ARGV[6] expiry (ms).
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'byok', ARGV[5])
local intervals = {'daily', 'weekly', 'monthly', 'lifetime'}
for i = 1, 4 do
  if ARGV[i] ~= '' then redis.call('HSET', KEYS[1], intervals[i], ARGV[i]) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
