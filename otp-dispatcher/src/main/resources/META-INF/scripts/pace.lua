-- pace: when may the next SMS go? GCRA (generic cell rate algorithm) with reservations, shared
-- by every dispatcher instance: one key holds the theoretical arrival time (TAT) of the next send.
-- A send is due at max(now, TAT - tolerance); taking it moves the TAT one interval on, so
-- reservations queue behind each other and the rate holds however many sends wait.
--
-- KEYS[1]  phonegate:pace:{sms}
-- ARGV[1]  now, epoch microseconds (the dispatcher's clock)
-- ARGV[2]  interval between sends, microseconds (1 / rate)
-- ARGV[3]  tolerance, microseconds ((burst - 1) x interval)
-- ARGV[4]  the longest this send can wait, microseconds (until its code expires)
--
-- Answers the wait in microseconds (0: send now), or -1 when the turn would come too late: then
-- nothing is taken, so a code that cannot make it does not delay the ones behind it.
-- The key expires when its TAT is past, when it means nothing any more.
local now, interval, tolerance, longest = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then
  tat = now
end
local due = math.max(now, tat - tolerance)
if due - now > longest then
  return -1
end
local nextTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.ceil((nextTat - now) / 1000))
return due - now
