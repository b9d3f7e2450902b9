-- claim: may this delivery handle this request? One hash per challenge.
--
-- KEYS[1]  phonegate:claim:{<subject>}:<challengeId>, or phonegate:claim:{<challengeId>} without an admission
-- KEYS[2]  (with an admission) the gateway's phonegate:phone:{<subject>}:24h, the number's admitted starts
-- KEYS[3]  (with an admission) the gateway's phonegate:start_answered:{<subject>}:<slot id>, there once the
--          start's 202 has left for the client
-- ARGV[1]  the request's event id
-- ARGV[2]  this delivery's holder token (random, one per delivery)
-- ARGV[3]  now, epoch milliseconds (the dispatcher's clock)
-- ARGV[4]  lease, milliseconds
-- ARGV[5]  time to live of the key, milliseconds (code expiry + retention, from now)
-- ARGV[6]  (with an admission) the start's slot id in KEYS[2]
-- ARGV[7]  "1" when a request without an admission must not be sent, else "0"
-- ARGV[8]  (with an admission) the answer window, ms: how long after its admission a start may still be
--          marked answered; "0" sends without waiting for the mark (gateways older than the mark)
--
-- Fields: first     the event id whose request owns the challenge's one SMS
--         attempts  SNS attempts made for it so far (claim-renew counts them)
--         outcome   its final outcome once settled (claim-settle), reported or not
--         h:<event> per request seen: "<holder> <lease end ms>" while a delivery holds it, "reported" after
--
-- Answers: {"reported"}            this request's report is on Kafka already: publish nothing
--          {"busy", <lease end>}   another delivery holds it with a live lease: ask again later
--          {"duplicate", <taken over>}
--                                  another request owns the challenge's SMS: report DUPLICATE (now held)
--          {"settled", <outcome>}  an earlier holder ended it and died before reporting: report that (now held)
--          {"withdrawn", "absent"|"missing"|"unanswered"}
--                                  no SNS attempt was made and the gateway's admission is gone (the start
--                                  failed after all), the request has none, or its start was not marked
--                                  answered within the window (the gateway died before its 202; its slot
--                                  is given back so the client may ask again): report it unsent (now held)
--          {"unanswered", <window end>}
--                                  the start's 202 has not left yet: ask again soon (now held)
--          {"send", <attempts>, <taken over>}
--                                  held: send; attempts > 0 means an earlier holder may have reached SNS;
--                                  taken over is "1" when another holder had it before (its lease ran out)
local key, event, holder = KEYS[1], ARGV[1], ARGV[2]
local now, lease, ttl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local field = 'h:' .. event

local first = redis.call('HGET', key, 'first')
if not first then
  first = event
  redis.call('HSET', key, 'first', event, 'attempts', 0)
end
if redis.call('PTTL', key) < ttl then
  redis.call('PEXPIRE', key, ttl)
end

local held = redis.call('HGET', key, field)
if held == 'reported' then
  return {'reported'}
end
local takenOver = '0'
if held then
  local other, leaseEnd = string.match(held, '^(%S+) (%d+)$')
  if other ~= holder then
    if tonumber(leaseEnd) > now then
      return {'busy', leaseEnd}
    end
    takenOver = '1'
  end
end
redis.call('HSET', key, field, holder .. ' ' .. string.format('%.0f', now + lease))

if first ~= event then
  return {'duplicate', takenOver}
end
local outcome = redis.call('HGET', key, 'outcome')
if outcome then
  return {'settled', outcome}
end
local attempts = redis.call('HGET', key, 'attempts')
if attempts == '0' then
  -- Nothing reached SNS yet: send only while the gateway's admission of the start stands.
  if #KEYS > 1 then
    local admitted = redis.call('ZSCORE', KEYS[2], ARGV[6])
    if not admitted then
      return {'withdrawn', 'absent'}
    end
    -- Sent only once the client was told a code is coming.
    local window = tonumber(ARGV[8]) or 0
    if window > 0 and redis.call('EXISTS', KEYS[3]) == 0 then
      local windowEnd = tonumber(admitted) + window
      if now < windowEnd then
        return {'unanswered', string.format('%.0f', windowEnd)}
      end
      redis.call('ZREM', KEYS[2], ARGV[6])
      return {'withdrawn', 'unanswered'}
    end
  elseif ARGV[7] == '1' then
    return {'withdrawn', 'missing'}
  end
end
return {'send', attempts, takenOver}
