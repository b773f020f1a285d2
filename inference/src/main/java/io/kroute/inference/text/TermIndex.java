package io.kroute.inference.text;

import java.util.Arrays;

/**
 * An immutable term → feature index map that looks terms up straight from a {@link TokenBuffer}, including
 * n-grams (tokens joined by one space), without building a string per lookup.
 *
 * <p>Open addressing with linear probing over a power-of-two table, at most half full. All terms live in one
 * {@code char[]} pool; each slot keeps the term's full hash, so a probe compares characters only on a hash hit.
 */
public final class TermIndex {
    private static final int EMPTY = -1;

    private final int size;
    private final char[] pool;
    private final int[] termStart;
    private final int[] termEnd;
    private final int[] slotFeature;
    private final int[] slotHash;
    private final int mask;

    private TermIndex(String[] terms) {
        this.size = terms.length;
        long totalChars = 0;
        for (String term : terms) {
            totalChars += term.length();
        }
        if (totalChars > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("vocabulary too large: " + totalChars + " characters");
        }
        pool = new char[(int) totalChars];
        termStart = new int[terms.length];
        termEnd = new int[terms.length];
        int capacity = Integer.highestOneBit(Math.max(4, terms.length * 2 - 1)) << 1;
        slotFeature = new int[capacity];
        slotHash = new int[capacity];
        Arrays.fill(slotFeature, EMPTY);
        mask = capacity - 1;
        int offset = 0;
        for (int feature = 0; feature < terms.length; feature++) {
            String term = terms[feature];
            term.getChars(0, term.length(), pool, offset);
            termStart[feature] = offset;
            termEnd[feature] = offset + term.length();
            offset += term.length();
            int hash = finish(hashChars(0, pool, termStart[feature], termEnd[feature]));
            int slot = hash & mask;
            while (slotFeature[slot] != EMPTY) {
                if (slotHash[slot] == hash && equalsTerm(slotFeature[slot], pool, termStart[feature], termEnd[feature])) {
                    throw new IllegalArgumentException("duplicate term '" + term + "' at feature indices "
                            + slotFeature[slot] + " and " + feature);
                }
                slot = (slot + 1) & mask;
            }
            slotFeature[slot] = feature;
            slotHash[slot] = hash;
        }
    }

    /** Builds the index; the term at position i gets feature index i. Duplicate terms are refused. */
    public static TermIndex of(String[] terms) {
        return new TermIndex(terms.clone());
    }

    public int size() {
        return size;
    }

    public String term(int feature) {
        return new String(pool, termStart[feature], termEnd[feature] - termStart[feature]);
    }

    /** The feature index of {@code term}, or -1. */
    public int indexOf(CharSequence term) {
        char[] chars = term.toString().toCharArray();
        int hash = finish(hashChars(0, chars, 0, chars.length));
        int slot = hash & mask;
        while (true) {
            int feature = slotFeature[slot];
            if (feature == EMPTY) {
                return -1;
            }
            if (slotHash[slot] == hash && equalsTerm(feature, chars, 0, chars.length)) {
                return feature;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The feature index of the n-gram made of {@code n} consecutive tokens from {@code first}, joined by single
     * spaces, or -1.
     */
    public int indexOf(TokenBuffer tokens, int first, int n) {
        char[] chars = tokens.chars;
        int h = 0;
        int length = n - 1;
        for (int t = first; t < first + n; t++) {
            if (t > first) {
                h = 31 * h + ' ';
            }
            h = hashChars(h, chars, tokens.starts[t], tokens.ends[t]);
            length += tokens.ends[t] - tokens.starts[t];
        }
        int hash = finish(h);
        int slot = hash & mask;
        while (true) {
            int feature = slotFeature[slot];
            if (feature == EMPTY) {
                return -1;
            }
            if (slotHash[slot] == hash && termEnd[feature] - termStart[feature] == length
                    && equalsNGram(feature, tokens, first, n)) {
                return feature;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int hashChars(int h, char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    /** Spreads the polynomial hash over the low bits the table uses (murmur3's finaliser). */
    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private boolean equalsTerm(int feature, char[] chars, int from, int to) {
        int start = termStart[feature];
        int length = termEnd[feature] - start;
        if (length != to - from) {
            return false;
        }
        return Arrays.equals(pool, start, start + length, chars, from, to);
    }

    private boolean equalsNGram(int feature, TokenBuffer tokens, int first, int n) {
        int p = termStart[feature];
        for (int t = first; t < first + n; t++) {
            if (t > first) {
                if (pool[p++] != ' ') {
                    return false;
                }
            }
            int length = tokens.ends[t] - tokens.starts[t];
            if (!Arrays.equals(pool, p, p + length, tokens.chars, tokens.starts[t], tokens.ends[t])) {
                return false;
            }
            p += length;
        }
        return true;
    }
}
