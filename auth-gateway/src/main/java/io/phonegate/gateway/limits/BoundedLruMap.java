package io.phonegate.gateway.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/** Remembers at most {@code maxEntries} keys, forgetting the least recently used; callers synchronise on it. */
final class BoundedLruMap<K, V> extends LinkedHashMap<K, V> {

    private final int maxEntries;

    BoundedLruMap(int maxEntries) {
        super(256, 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
