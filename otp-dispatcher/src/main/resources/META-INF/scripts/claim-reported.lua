-- claim-reported: the request's report is on Kafka; a redelivery of it publishes nothing.
--
-- KEYS[1]  phonegate:claim:{<challengeId>}
-- ARGV[1]  the request's event id
--
-- Answers 1, or 0 when the claim is gone (expired): nothing is written then, so no key lives
-- without its expiry.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'h:' .. ARGV[1], 'reported')
return 1
