package io.kroute.inference.text;

import java.util.Arrays;

/**
 * Reusable output of {@link WordTokenizer#scan}: the lower-cased characters of every token, packed one after
 * another, with each token's start and end offsets. Reused across calls so tokenizing allocates nothing once
 * the arrays have grown to the size of the largest text seen.
 */
public final class TokenBuffer {
    char[] chars = new char[256];
    int length;
    int[] starts = new int[64];
    int[] ends = new int[64];
    int count;
    /** Scratch: a copy of the characters being scanned. */
    private char[] source = new char[256];

    public int count() {
        return count;
    }

    public int start(int token) {
        return starts[token];
    }

    public int end(int token) {
        return ends[token];
    }

    public char[] chars() {
        return chars;
    }

    public String token(int token) {
        return new String(chars, starts[token], ends[token] - starts[token]);
    }

    /** Scratch for {@code n} characters of the text being scanned. */
    char[] source(int n) {
        if (source.length < n) {
            source = new char[Math.max(n, source.length * 2)];
        }
        return source;
    }

    /** Makes room for at least {@code capacity} token characters. */
    void ensureCapacity(int capacity) {
        if (chars.length < capacity) {
            chars = Arrays.copyOf(chars, Math.max(capacity, chars.length * 2));
        }
    }

    void clear() {
        length = 0;
        count = 0;
    }

    void addToken(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** Drops the characters of an unfinished token that turned out too short. */
    void truncate(int newLength) {
        length = newLength;
    }

    /** Removes tokens for which {@code keep[i]} is false, preserving order (used for stop words). */
    void retain(boolean[] keep) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (keep[i]) {
                starts[kept] = starts[i];
                ends[kept] = ends[i];
                kept++;
            }
        }
        count = kept;
    }
}
