-- backstop-cap: one more code for this number today? A hard cap far above the gateway's limits.
--
-- KEYS[1]  phonegate:backstop:{<phone subject>}:<UTC day, yyyy-mm-dd>
-- ARGV[1]  the cap
-- ARGV[2]  time to live, milliseconds (to the end of that UTC day)
--
-- Answers {1, count} when counted, {0, count} when the cap is reached (nothing counted).
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return {0, count}
end
count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return {1, count}
