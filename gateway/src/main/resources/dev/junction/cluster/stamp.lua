-- The stamp of a key's current state, made if the key has none yet (never changed, or its stamp expired).
-- KEYS[1] the key's stamp. ARGV[1] a new random stamp, ARGV[2] expiry (ms).
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return redis.call('GET', KEYS[1])
