package io.phonegate.dispatcher.backstop;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** {@link NumberCap} in this process's memory, the same rule as {@code backstop-cap.lua}: for tests only. */
public final class InMemoryNumberCap implements NumberCap {

    private final int cap;
    private final Map<String, Integer> counts = new HashMap<>();
    private LocalDate day = LocalDate.MIN;

    public InMemoryNumberCap(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized boolean count(PhoneNumber phone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            counts.clear();
        }
        int count = counts.getOrDefault(phone.e164(), 0);
        if (count >= cap) {
            return false;
        }
        counts.put(phone.e164(), count + 1);
        return true;
    }
}
