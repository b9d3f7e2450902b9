-- Admits one start (one code sent) against every limit at once, or refuses it without counting.
-- Checks all limits first and writes only when all pass, so a refusal costs nothing.
--
-- KEYS[1] phonegate:phone:{<subject>}:24h          sorted set: one member per admitted start, score = ms
-- KEYS[2] phonegate:wrong_answers:{<subject>}:24h  sorted set: wrong answers (read only here)
-- KEYS[3] phonegate:verified:{<subject>}           string: present for a number that logged in before
-- KEYS[4] phonegate:country:{<region>}:1h          hash: epoch minute -> starts admitted in it
-- KEYS[5] phonegate:budget:{sms}:<utc-day>         hash: new | login -> starts admitted that day
-- ARGV[1] now (epoch ms)       ARGV[2] slot id (unique)      ARGV[3] cooldown ms
-- ARGV[4] phone hourly cap     ARGV[5] phone daily cap       ARGV[6] wrong answers per 24 h
-- ARGV[7] country hourly cap   ARGV[8] daily budget          ARGV[9] daily budget for new numbers
-- ARGV[10] next UTC midnight (epoch ms)
-- Returns {'ok', 'new'|'login', <epoch minute>} or {<limit tag>, <retry after ms>}: when several
-- limits refuse, the one that lasts longest, so a client that waits that long is not refused again
-- by another of them.
local now = tonumber(ARGV[1])
local MINUTE, HOUR, DAY = 60000, 3600000, 86400000

local refused, wait = nil, -1
local function refuse(limit, ms)
  if ms > wait then refused, wait = limit, ms end
end

-- The score of the member that must leave a window before one more fits: the (n - cap + 1)-th oldest.
local function retry_for(scores, n, cap, window)
  return tonumber(scores[(n - cap) * 2 + 2]) + window - now
end

-- Phone: cooldown since the last start, then the rolling hour and day.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - DAY)
local starts = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local day_count = #starts / 2
if day_count > 0 then
  local last = tonumber(starts[#starts])
  local cooldown = tonumber(ARGV[3])
  -- A cooldown of 0 is none: with gateways' clocks a few ms apart, `now` may be just before `last`.
  if cooldown > 0 and now < last + cooldown then refuse('phone_cooldown', last + cooldown - now) end
  local hour_scores, hour_count = {}, 0
  for i = 2, #starts, 2 do
    if tonumber(starts[i]) > now - HOUR then
      hour_count = hour_count + 1
      hour_scores[hour_count * 2] = starts[i]
    end
  end
  local hourly = tonumber(ARGV[4])
  if hour_count >= hourly then refuse('phone_hourly', retry_for(hour_scores, hour_count, hourly, HOUR)) end
  local daily = tonumber(ARGV[5])
  if day_count >= daily then refuse('phone_daily', retry_for(starts, day_count, daily, DAY)) end
end

-- Wrong answers across codes: a number out of them gets no new code either.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - DAY)
local wrong = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
local wrong_cap = tonumber(ARGV[6])
if #wrong / 2 >= wrong_cap then refuse('wrong_answers', retry_for(wrong, #wrong / 2, wrong_cap, DAY)) end

-- Country: the last 60 one-minute buckets, this one included.
local minute = math.floor(now / MINUTE)
local buckets = redis.call('HGETALL', KEYS[4])
local in_hour, stale, live = 0, {}, {}
for i = 1, #buckets, 2 do
  local m = tonumber(buckets[i])
  if m <= minute - 60 then
    stale[#stale + 1] = buckets[i]
  else
    in_hour = in_hour + tonumber(buckets[i + 1])
    live[#live + 1] = {m, tonumber(buckets[i + 1])}
  end
end
if #stale > 0 then redis.call('HDEL', KEYS[4], unpack(stale)) end
local country_cap = tonumber(ARGV[7])
if in_hour >= country_cap then
  table.sort(live, function(a, b) return a[1] < b[1] end)
  local must_leave, left = in_hour - country_cap + 1, 0
  for _, bucket in ipairs(live) do
    left = left + bucket[2]
    if left >= must_leave then
      refuse('country_hourly', (bucket[1] + 60) * MINUTE - now)
      break
    end
  end
end

-- Daily budget: new numbers may use their share only; logins of verified numbers the whole of it.
local kind = redis.call('EXISTS', KEYS[3]) == 1 and 'login' or 'new'
local used = redis.call('HMGET', KEYS[5], 'new', 'login')
local used_new, used_login = tonumber(used[1]) or 0, tonumber(used[2]) or 0
local midnight = tonumber(ARGV[10])
if used_new + used_login >= tonumber(ARGV[8]) or (kind == 'new' and used_new >= tonumber(ARGV[9])) then
  refuse('daily_budget', midnight - now)
end

if refused then return {refused, wait} end

redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], DAY)
redis.call('HINCRBY', KEYS[4], minute, 1)
redis.call('PEXPIRE', KEYS[4], HOUR + MINUTE)
redis.call('HINCRBY', KEYS[5], kind, 1)
redis.call('PEXPIRE', KEYS[5], midnight + HOUR - now)
return {'ok', kind, minute}
