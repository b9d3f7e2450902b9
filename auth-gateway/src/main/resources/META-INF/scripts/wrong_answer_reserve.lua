-- Reserves one wrong answer for a number before its answer goes to Cognito, so parallel guesses
-- cannot overshoot the allowance: every answer in flight holds a place. A right answer, or one
-- Cognito could not judge, gives its place back (wrong_answer_settle.lua).
--
-- KEYS[1] phonegate:wrong_answers:{<subject>}:24h   sorted set: one member per answer, score = ms
-- ARGV[1] now (epoch ms)   ARGV[2] reservation id (unique)   ARGV[3] allowance per 24 h
-- Returns {1, 0} when reserved, {0, <retry after ms>} when the allowance is used up.
local now = tonumber(ARGV[1])
local DAY = 86400000
local cap = tonumber(ARGV[3])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - DAY)
local count = redis.call('ZCARD', KEYS[1])
if count >= cap then
  local oldest = redis.call('ZRANGE', KEYS[1], count - cap, count - cap, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + DAY - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], DAY)
return {1, 0}
