package io.kroute.topology.decide;

import java.util.Arrays;

/**
 * A small map from a set of providers (a {@code long} mask) to what was prepared for it, without boxing the key.
 * Open addressing over a fixed table; when it fills up it is emptied, so a class that meets many distinct sets
 * keeps at most {@link #CAPACITY} * 3/4 of them and pays a preparation again for the rest. Not thread-safe.
 */
final class MaskCache<V> {

    static final int CAPACITY = 64;
    private static final int MAX_ENTRIES = CAPACITY * 3 / 4;

    private final long[] keys = new long[CAPACITY];
    private final Object[] values = new Object[CAPACITY];
    private int size;

    @SuppressWarnings("unchecked")
    V get(long mask) {
        for (int i = slot(mask); values[i] != null; i = (i + 1) & (CAPACITY - 1)) {
            if (keys[i] == mask) {
                return (V) values[i];
            }
        }
        return null;
    }

    void put(long mask, V value) {
        if (size >= MAX_ENTRIES) {
            Arrays.fill(values, null);
            size = 0;
        }
        int i = slot(mask);
        while (values[i] != null && keys[i] != mask) {
            i = (i + 1) & (CAPACITY - 1);
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = mask;
        values[i] = value;
    }

    int size() {
        return size;
    }

    private static int slot(long mask) {
        long h = mask * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 58); // the top 6 bits: CAPACITY is 64
    }
}
