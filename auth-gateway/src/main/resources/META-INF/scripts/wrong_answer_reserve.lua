-- Reserves one wrong answer for a number before its answer goes to Cognito, so parallel guesses
-- cannot overshoot the allowance: every answer in flight holds a place. A right answer, or one
-- Cognito could not judge, gives its place back (wrong_answer_settle.lua).
-- It also marks the challenge handle answered: a handle answers once, as a Cognito session does, so
-- a second answer on it (a real handle or a look-alike) is told to start again without reaching Cognito.
--
-- KEYS[1] phonegate:wrong_answers:{<subject>}:24h      sorted set: one member per answer, score = ms
-- KEYS[2] phonegate:answered:{<subject>}:<handle id>   string: <until (epoch ms)>:<reservation id> that answered it
-- ARGV[1] now (epoch ms)   ARGV[2] reservation id (unique)   ARGV[3] allowance per 24 h
-- ARGV[4] how long a handle is remembered as answered (ms): the longest a handle lives
-- Returns {1, 0, 1} when reserved on a fresh handle, {1, 0, 0} when reserved on a handle answered
-- before, {0, <retry after ms>, 0} when the allowance is used up (nothing written).
local now = tonumber(ARGV[1])
local DAY = 86400000
local cap = tonumber(ARGV[3])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - DAY)
local count = redis.call('ZCARD', KEYS[1])
if count >= cap then
  local oldest = redis.call('ZRANGE', KEYS[1], count - cap, count - cap, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + DAY - now, 0}
end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], DAY)
-- The handle: answered before if marked and the mark is still good at this (passed-in) time.
local memory = tonumber(ARGV[4])
local answered = redis.call('GET', KEYS[2])
local until_ms = answered and tonumber(string.match(answered, '^(%d+):'))
if until_ms and until_ms > now then
  return {1, 0, 0}
end
redis.call('SET', KEYS[2], string.format('%.0f', now + memory) .. ':' .. ARGV[2], 'PX', memory)
return {1, 0, 1}
