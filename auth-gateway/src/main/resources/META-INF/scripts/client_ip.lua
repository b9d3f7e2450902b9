-- Requests per client address: a token bucket of `capacity` refilled evenly over `period`, kept
-- as GCRA's one timestamp (the "theoretical arrival time" when the bucket is full again).
-- The key expires when the bucket is full, which is the state of a missing key.
--
-- KEYS[1] phonegate:client_ip:{<address subject>}:1m   string: theoretical arrival time (epoch ms)
-- ARGV[1] now (epoch ms)   ARGV[2] capacity   ARGV[3] period ms
-- Returns {1, 0} when allowed, {0, <retry after ms>} when refused.
local now = tonumber(ARGV[1])
local capacity, period = tonumber(ARGV[2]), tonumber(ARGV[3])
local interval = period / capacity
local tolerance = period - interval

local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
if tat - now > tolerance then
  return {0, math.ceil(tat - now - tolerance)}
end
local next_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', next_tat), 'PX', math.ceil(next_tat - now))
return {1, 0}
