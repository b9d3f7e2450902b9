-- claim-renew: right before each SNS call, is this delivery still the holder? Renews its lease
-- and counts the attempt. This is the fence: a delivery that lost its claim (its lease ran out
-- and another delivery took over) learns it here, before it sends.
--
-- KEYS[1]  phonegate:claim:{<challengeId>}
-- ARGV[1]  the request's event id, ARGV[2] holder token, ARGV[3] now (epoch ms), ARGV[4] lease (ms)
--
-- Answers: {"go", <attempt number>}  send now
--          {"settled", <outcome>}    an earlier holder ended it after all: report that instead
--          {"lost"}                  another delivery holds it (or the claim expired): do nothing more
local key, event, holder = KEYS[1], ARGV[1], ARGV[2]
local now, lease = tonumber(ARGV[3]), tonumber(ARGV[4])
local field = 'h:' .. event

local held = redis.call('HGET', key, field)
if not held or string.sub(held, 1, #holder + 1) ~= holder .. ' ' or redis.call('HGET', key, 'first') ~= event then
  return {'lost'}
end
local outcome = redis.call('HGET', key, 'outcome')
if outcome then
  return {'settled', outcome}
end
redis.call('HSET', key, field, holder .. ' ' .. string.format('%.0f', now + lease))
return {'go', tostring(redis.call('HINCRBY', key, 'attempts', 1))}
