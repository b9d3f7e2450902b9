-- claim-settle: the request's final outcome, written before its report is published, so a
-- redelivery after a crash reports this outcome instead of sending again. The first outcome
-- written wins (the first SNS answer is the truth), even from a holder that lost its lease.
--
-- KEYS[1]  phonegate:claim:{<challengeId>}
-- ARGV[1]  the request's event id, ARGV[2] holder token, ARGV[3] the outcome (text, see SettledOutcome)
--
-- Answers: {"publish", <outcome>}  this delivery still holds it: publish the outcome that won
--          {"lost"}                another delivery holds it and will report
if redis.call('HGET', KEYS[1], 'first') ~= ARGV[1] then
  return {'lost'}
end
redis.call('HSETNX', KEYS[1], 'outcome', ARGV[3])
local held = redis.call('HGET', KEYS[1], 'h:' .. ARGV[1])
if not held or string.sub(held, 1, #ARGV[2] + 1) ~= ARGV[2] .. ' ' then
  return {'lost'}
end
return {'publish', redis.call('HGET', KEYS[1], 'outcome')}
