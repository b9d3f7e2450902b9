package io.phonegate.devstack.sns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The messages the emulator accepted, oldest first, bounded by dropping the oldest. */
final class SmsInbox {

    private final int capacity;
    private final Deque<SmsMessage> messages = new ArrayDeque<>();

    SmsInbox(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(SmsMessage message) {
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    synchronized List<SmsMessage> forPhone(String e164) {
        return messages.stream().filter(m -> m.phone().equals(e164)).toList();
    }

    synchronized List<SmsMessage> all() {
        return List.copyOf(messages);
    }

    /** The newest {@code limit} messages, newest first (for the human page). */
    synchronized List<SmsMessage> newest(int limit) {
        List<SmsMessage> newest = new ArrayList<>(Math.min(limit, messages.size()));
        var descending = messages.descendingIterator();
        while (descending.hasNext() && newest.size() < limit) {
            newest.add(descending.next());
        }
        return newest;
    }

    synchronized void clear() {
        messages.clear();
    }
}
