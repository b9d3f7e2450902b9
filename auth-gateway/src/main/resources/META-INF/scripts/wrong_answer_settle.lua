-- Gives back a reservation of wrong_answer_reserve.lua: the answer was right, or Cognito could not
-- judge it. For a right answer it also writes (or renews) the number's "verified" marker, which
-- admission.lua reads to count the number's starts against the log-in share of the budget. An
-- answer Cognito could not judge also gives its handle back (if this reservation was the one that
-- answered it), so the client may send it again.
--
-- KEYS[1] phonegate:wrong_answers:{<subject>}:24h   KEYS[2] phonegate:verified:{<subject>}
-- KEYS[3] phonegate:answered:{<subject>}:<handle id>
-- ARGV[1] reservation id   ARGV[2] 1 = right answer (write the marker), 0 = not judged
-- ARGV[3] how long the marker lives (ms)
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
else
  local answered = redis.call('GET', KEYS[3])
  local mine = ':' .. ARGV[1]
  if answered and string.sub(answered, -#mine) == mine then
    redis.call('DEL', KEYS[3])
  end
end
return 1
