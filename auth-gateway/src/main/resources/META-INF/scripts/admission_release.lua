-- Gives back a start admitted by admission.lua that did not send a code. Idempotent: the counts
-- go down only if the phone's member was still there, so a second release changes nothing.
-- A count whose key has expired meanwhile is left alone (no key is recreated without its expiry).
--
-- KEYS[1] phonegate:phone:{<subject>}:24h   KEYS[2] phonegate:country:{<region>}:1h
-- KEYS[3] phonegate:budget:{sms}:<utc-day>
-- ARGV[1] slot id   ARGV[2] epoch minute it was counted in   ARGV[3] new | login
-- Returns 1 when given back, 0 when there was nothing to give back.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[2], -1)
end
if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then
  redis.call('HINCRBY', KEYS[3], ARGV[3], -1)
end
return 1
