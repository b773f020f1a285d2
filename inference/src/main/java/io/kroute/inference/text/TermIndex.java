package io.kroute.inference.text;

import java.util.Arrays;

/**
 * An immutable term → feature index map that looks terms up straight from a {@link TokenBuffer}, including
 * n-grams (tokens joined by one space), without building a string per lookup.
 *
 * <p>Open addressing with linear probing over a power-of-two table, at most half full. Each slot is one
 * {@code long} holding the term's full hash (high half) and its feature index plus one (low half, 0 = empty), so a
 * probe reads one memory location and compares characters only on a hash hit. All terms live in one
 * {@code char[]} pool in feature order, so term {@code f} spans {@code termStart[f]} to {@code termStart[f + 1]}:
 * a hit costs three memory reads (slot, bounds, characters), which is what a lookup in a large vocabulary is
 * bound by.
 */
public final class TermIndex {
    private static final long EMPTY = 0L;

    private final int size;
    private final char[] pool;
    private final int[] termStart;
    private final long[] slots;
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
        termStart = new int[terms.length + 1];
        int capacity = Integer.highestOneBit(Math.max(4, terms.length * 2 - 1)) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
        int offset = 0;
        for (int feature = 0; feature < terms.length; feature++) {
            String term = terms[feature];
            term.getChars(0, term.length(), pool, offset);
            termStart[feature] = offset;
            offset += term.length();
            termStart[feature + 1] = offset;
            int hash = finish(hashChars(0, pool, termStart[feature], offset));
            int slot = hash & mask;
            while (slots[slot] != EMPTY) {
                int other = featureOf(slots[slot]);
                if (hashOf(slots[slot]) == hash && equalsTerm(other, pool, termStart[feature], offset)) {
                    throw new IllegalArgumentException("duplicate term '" + term + "' at feature indices "
                            + other + " and " + feature);
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = ((long) hash << 32) | (feature + 1L);
        }
    }

    private static int hashOf(long slot) {
        return (int) (slot >>> 32);
    }

    private static int featureOf(long slot) {
        return (int) slot - 1;
    }

    /** Builds the index; the term at position i gets feature index i. Duplicate terms are refused. */
    public static TermIndex of(String[] terms) {
        return new TermIndex(terms.clone());
    }

    public int size() {
        return size;
    }

    public String term(int feature) {
        return new String(pool, termStart[feature], termStart[feature + 1] - termStart[feature]);
    }

    /** The feature index of {@code term}, or -1. */
    public int indexOf(CharSequence term) {
        char[] chars = term.toString().toCharArray();
        int hash = finish(hashChars(0, chars, 0, chars.length));
        int slot = hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == EMPTY) {
                return -1;
            }
            if (hashOf(entry) == hash && equalsTerm(featureOf(entry), chars, 0, chars.length)) {
                return featureOf(entry);
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
        if (n == 1) {
            return indexOfToken(chars, tokens.starts[first], tokens.ends[first]);
        }
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
            long entry = slots[slot];
            if (entry == EMPTY) {
                return -1;
            }
            if (hashOf(entry) == hash) {
                int feature = featureOf(entry);
                if (termStart[feature + 1] - termStart[feature] == length && equalsNGram(feature, tokens, first, n)) {
                    return feature;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Looks every token of {@code tokens} up as a unigram: {@code features[t]} becomes its feature index or -1. The
     * same answers as {@link #indexOf(TokenBuffer, int, int)} with {@code n = 1}, computed in stages (all hashes,
     * then every first probe, then every term's bounds, then the comparisons) so that the memory reads of different
     * tokens are independent and overlap instead of waiting for one another: in a large vocabulary those reads miss
     * the cache and dominate the cost.
     *
     * @param scratch at least {@code 2 * tokens.count()} ints, overwritten
     * @param features at least {@code tokens.count()} ints, overwritten
     */
    public void indexOfTokens(TokenBuffer tokens, int[] scratch, int[] features) {
        int count = tokens.count;
        char[] chars = tokens.chars;
        int[] starts = tokens.starts;
        int[] ends = tokens.ends;
        for (int t = 0; t < count; t++) {
            scratch[t] = finish(hashChars(0, chars, starts[t], ends[t]));
        }
        // First probe: -1 when the slot is empty (absent), the candidate feature on a hash match, -2 otherwise.
        for (int t = 0; t < count; t++) {
            long entry = slots[scratch[t] & mask];
            features[t] = entry == EMPTY ? -1 : hashOf(entry) == scratch[t] ? featureOf(entry) : -2;
        }
        // Bounds of each candidate term; the hashes are no longer needed, so their room holds the starts.
        for (int t = 0; t < count; t++) {
            int candidate = features[t];
            if (candidate >= 0) {
                int start = termStart[candidate];
                scratch[t] = start;
                scratch[count + t] = termStart[candidate + 1] - start;
            }
        }
        for (int t = 0; t < count; t++) {
            int candidate = features[t];
            if (candidate == -1) {
                continue;
            }
            int from = starts[t];
            int to = ends[t];
            if (candidate >= 0 && scratch[count + t] == to - from
                    && Arrays.equals(pool, scratch[t], scratch[t] + (to - from), chars, from, to)) {
                continue;
            }
            // A collision in the first slot: probe on as a single lookup does.
            features[t] = indexOfToken(chars, from, to);
        }
    }

    /** The single-token case of {@link #indexOf(TokenBuffer, int, int)}: most lookups, so kept lean. */
    private int indexOfToken(char[] chars, int from, int to) {
        int hash = finish(hashChars(0, chars, from, to));
        int slot = hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == EMPTY) {
                return -1;
            }
            if (hashOf(entry) == hash && equalsTerm(featureOf(entry), chars, from, to)) {
                return featureOf(entry);
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
        int length = termStart[feature + 1] - start;
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
