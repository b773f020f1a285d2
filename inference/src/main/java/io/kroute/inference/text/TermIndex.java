package io.kroute.inference.text;

import java.util.Arrays;

/**
 * An immutable term → feature index map that looks terms up straight from a {@link TokenBuffer}, including
 * n-grams (tokens joined by one space), without building a string per lookup.
 *
 * <p>Open addressing with linear probing over a power-of-two table, at most half full. A slot is three
 * consecutive {@code long}s: a header (27 bits of the term's hash, its length, its key kind and its feature index)
 * and a 16-byte key that holds short terms inline:
 * <ul>
 *   <li>{@code LATIN1}: up to 16 characters, all below U+0100, one byte each;</li>
 *   <li>{@code UTF16}: up to 8 characters, not all Latin-1, two bytes each;</li>
 *   <li>{@code POOLED}: any other term; its key is zero and its characters are compared in the pool.</li>
 * </ul>
 * An inline term is identified by its header's length and kind and its key, so a hit on a short term reads one
 * slot (one cache line, or two adjacent ones) instead of a chain of three dependent reads (slot, term bounds,
 * characters). All terms also live in one {@code char[]} pool in feature order, term {@code f} spanning
 * {@code termStart[f]} to {@code termStart[f + 1]}, for {@link #term(int)} and for comparing pooled terms.
 */
public final class TermIndex {
    private static final long EMPTY = 0L;
    static final int LATIN1 = 1;
    static final int UTF16 = 2;
    static final int POOLED = 3;
    private static final int KIND_SHIFT = 30;
    private static final long FEATURE_MASK = (1L << KIND_SHIFT) - 1;
    /** A key no stored slot has: pooled slots store a zero key, so a pooled query never matches on the key. */
    private static final long NO_KEY = -1L;
    private static final int HASH_BITS = 27;
    private static final int HASH_MASK = (1 << HASH_BITS) - 1;
    /** Largest vocabulary: the table (twice as many slots) is indexed by the header's hash bits. */
    static final int MAX_TERMS = 1 << (HASH_BITS - 2);

    private final int size;
    private final char[] pool;
    private final int[] termStart;
    private final long[] table;
    private final int mask;

    private TermIndex(String[] terms) {
        this.size = terms.length;
        if (terms.length >= MAX_TERMS) {
            throw new IllegalArgumentException("vocabulary too large: " + terms.length + " terms");
        }
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
        table = new long[3 * capacity];
        mask = capacity - 1;
        long[] key = new long[3];
        int offset = 0;
        for (int feature = 0; feature < terms.length; feature++) {
            String term = terms[feature];
            term.getChars(0, term.length(), pool, offset);
            termStart[feature] = offset;
            offset += term.length();
            termStart[feature + 1] = offset;
            keyOf(pool, termStart[feature], offset, key, 0);
            long expected = key[0];
            int other = find(expected, key[1], key[2], pool, termStart[feature], offset);
            if (other >= 0) {
                throw new IllegalArgumentException("duplicate term '" + term + "' at feature indices "
                        + other + " and " + feature);
            }
            int slot = (int) (expected >>> 32) & mask;
            while (table[3 * slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[3 * slot] = expected | feature;
            table[3 * slot + 1] = kindOfHeader(expected) == POOLED ? 0L : key[1];
            table[3 * slot + 2] = kindOfHeader(expected) == POOLED ? 0L : key[2];
        }
    }

    private static int kindOfHeader(long header) {
        return (int) (header >>> KIND_SHIFT) & 3;
    }

    private static int featureOf(long header) {
        return (int) (header & FEATURE_MASK);
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
        return indexOfRange(chars, 0, chars.length);
    }

    /**
     * The feature index of the n-gram made of {@code n} consecutive tokens from {@code first}, joined by single
     * spaces, or -1.
     */
    public int indexOf(TokenBuffer tokens, int first, int n) {
        char[] chars = tokens.chars;
        if (n == 1) {
            return indexOfRange(chars, tokens.starts[first], tokens.ends[first]);
        }
        int[] starts = tokens.starts;
        int[] ends = tokens.ends;
        int length = n - 1;
        int bits = 0;
        int last = first + n;
        for (int t = first; t < last; t++) {
            length += ends[t] - starts[t];
            for (int i = starts[t]; i < ends[t]; i++) {
                bits |= chars[i];
            }
        }
        // The joining space is Latin-1.
        int kind = bits < 256 && length <= 16 ? LATIN1 : length <= 8 ? UTF16 : POOLED;
        long k0 = 0;
        long k1 = 0;
        int h = 0;
        int p = 0;
        for (int t = first; t < last; t++) {
            for (int i = t == first ? starts[t] : starts[t] - 1; i < ends[t]; i++) {
                char c = i < starts[t] ? ' ' : chars[i];
                if (kind == POOLED) {
                    h = 31 * h + c;
                } else if (wordOf(kind, p) == 0) {
                    k0 |= (long) c << shiftOf(kind, p);
                } else {
                    k1 |= (long) c << shiftOf(kind, p);
                }
                p++;
            }
        }
        long expected;
        if (kind == POOLED) {
            expected = header(finish(h), length, POOLED);
            k0 = NO_KEY;
            k1 = NO_KEY;
        } else {
            expected = header(inlineHash(k0, k1), length, kind);
        }
        int slot = (int) (expected >>> 32) & mask;
        while (true) {
            long entry = table[3 * slot];
            if (entry == EMPTY) {
                return -1;
            }
            if ((entry & ~FEATURE_MASK) == expected) {
                int feature = featureOf(entry);
                if (kind != POOLED) {
                    if (table[3 * slot + 1] == k0 && table[3 * slot + 2] == k1) {
                        return feature;
                    }
                } else if (termStart[feature + 1] - termStart[feature] == length
                        && equalsNGram(feature, tokens, first, n)) {
                    return feature;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Looks every token of {@code tokens} up as a unigram: {@code features[t]} becomes its feature index or -1. The
     * same answers as {@link #indexOf(TokenBuffer, int, int)} with {@code n = 1}, computed in stages (every key,
     * then every first probe, then whatever the first probe did not settle) so that the memory reads of different
     * tokens are independent and overlap instead of waiting for one another: in a large vocabulary those reads miss
     * the cache and dominate the cost.
     *
     * @param scratch at least {@code 3 * tokens.count()} longs, overwritten
     * @param features at least {@code tokens.count()} ints, overwritten
     */
    public void indexOfTokens(TokenBuffer tokens, long[] scratch, int[] features) {
        int count = tokens.count;
        char[] chars = tokens.chars;
        int[] starts = tokens.starts;
        int[] ends = tokens.ends;
        long[] key = scratch;
        // The common case of keyOf written out here, where it is compiled into the loop: a call per token costs
        // about as much as building the key.
        int lastFast = chars.length - 16;
        for (int t = 0; t < count; t++) {
            int from = starts[t];
            int length = ends[t] - from;
            if (length <= 16 && from <= lastFast) {
                long w0 = lanes(chars, from) & LANE_MASKS[length + 12];
                long w1 = lanes(chars, from + 4) & LANE_MASKS[length + 8];
                long w2 = lanes(chars, from + 8) & LANE_MASKS[length + 4];
                long w3 = lanes(chars, from + 12) & LANE_MASKS[length];
                if (((w0 | w1 | w2 | w3) & HIGH_BYTES) == 0) {
                    long k0 = w0 | w1 << 8;
                    long k1 = w2 | w3 << 8;
                    key[3 * t] = header(inlineHash(k0, k1), length, LATIN1);
                    key[3 * t + 1] = k0;
                    key[3 * t + 2] = k1;
                    continue;
                }
            }
            keyOf(chars, from, from + length, key, 3 * t);
        }
        // First probes (the home slot and, when another term holds it, the next one): the feature on a match of
        // header and key, -1 on an empty slot, -2 when undecided (other terms in both slots, or a pooled term whose
        // characters are still to be compared).
        long[] table = this.table;
        int mask = this.mask;
        for (int t = 0; t < count; t++) {
            long expected = key[3 * t];
            long k0 = key[3 * t + 1];
            long k1 = key[3 * t + 2];
            int slot = (int) (expected >>> 32) & mask;
            int base = 3 * slot;
            long entry = table[base];
            boolean sameHeader = (entry & ~FEATURE_MASK) == expected;
            if (sameHeader & (table[base + 1] == k0) & (table[base + 2] == k1)) {
                features[t] = featureOf(entry);
            } else if (entry == EMPTY) {
                features[t] = -1;
            } else if (sameHeader) {
                // A pooled term to compare character by character (or an inline term with the same header).
                features[t] = -2;
            } else {
                // The next slot is in the same cache line or the next one, already on its way.
                base = 3 * ((slot + 1) & mask);
                entry = table[base];
                boolean match = ((entry & ~FEATURE_MASK) == expected) & (table[base + 1] == k0)
                        & (table[base + 2] == k1);
                features[t] = match ? featureOf(entry) : entry == EMPTY ? -1 : -2;
            }
        }
        for (int t = 0; t < count; t++) {
            if (features[t] == -2) {
                features[t] = find(key[3 * t], key[3 * t + 1], key[3 * t + 2], chars, starts[t], ends[t]);
            }
        }
    }

    /** One lookup of {@code chars[from, to)}, as {@link #indexOfTokens} does for each token, without scratch space. */
    private int indexOfRange(char[] chars, int from, int to) {
        int kind = kindOf(chars, from, to);
        if (kind == POOLED) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + chars[i];
            }
            return find(header(finish(h), to - from, POOLED), NO_KEY, NO_KEY, chars, from, to);
        }
        long k0 = pack(chars, from, to, kind, 0);
        long k1 = pack(chars, from, to, kind, 1);
        return find(header(inlineHash(k0, k1), to - from, kind), k0, k1, chars, from, to);
    }

    /** The key kind of {@code chars[from, to)}: the rule {@link #keyOf} applies. */
    static int kindOf(char[] chars, int from, int to) {
        int bits = 0;
        for (int i = from; i < to; i++) {
            bits |= chars[i];
        }
        int length = to - from;
        return bits < 256 && length <= 16 ? LATIN1 : length <= 8 ? UTF16 : POOLED;
    }

    /**
     * Key word {@code word} of an inline term, one character at a time. A {@code UTF16} word holds four characters
     * in order, 16 bits each; a {@code LATIN1} word holds eight, one byte each, in the order the lane words of
     * {@link #keyOf} give when the second is shifted one byte over the first: characters 0, 4, 1, 5, 2, 6, 3, 7.
     */
    private static long pack(char[] chars, int from, int to, int kind, int word) {
        long k = 0;
        for (int i = from, p = 0; i < to; i++, p++) {
            if (wordOf(kind, p) == word) {
                k |= (long) chars[i] << shiftOf(kind, p);
            }
        }
        return k;
    }

    /** Which key word holds character {@code p} of an inline term. */
    private static int wordOf(int kind, int p) {
        return kind == LATIN1 ? p >>> 3 : p >>> 2;
    }

    /** Where in its key word character {@code p} of an inline term starts. */
    private static int shiftOf(int kind, int p) {
        return kind == LATIN1 ? 16 * (p & 3) + 8 * ((p >>> 2) & 1) : 16 * (p & 3);
    }

    /** Probes from the first slot of {@code expected}: the feature of the term with this header and key, or -1. */
    private int find(long expected, long k0, long k1, char[] chars, int from, int to) {
        boolean pooled = kindOfHeader(expected) == POOLED;
        int slot = (int) (expected >>> 32) & mask;
        while (true) {
            long entry = table[3 * slot];
            if (entry == EMPTY) {
                return -1;
            }
            if ((entry & ~FEATURE_MASK) == expected) {
                int feature = featureOf(entry);
                if (pooled ? equalsTerm(feature, chars, from, to)
                        : table[3 * slot + 1] == k0 && table[3 * slot + 2] == k1) {
                    return feature;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The header pattern (hash, length and kind; feature bits zero) and the two key words of {@code chars[from,
     * to)}, into {@code out[at]}, {@code out[at + 1]}, {@code out[at + 2]}; pooled characters get {@link #NO_KEY}.
     * When 16 characters from {@code from} lie inside the array, the key is built from four words of four 16-bit
     * lanes each, masked to the term's length, without a loop per character; otherwise character by character,
     * with the same result.
     */
    static void keyOf(char[] chars, int from, int to, long[] out, int at) {
        int length = to - from;
        if (length > 16 || from + 16 > chars.length) {
            keyOfSlowly(chars, from, to, out, at);
            return;
        }
        long w0 = lanes(chars, from) & LANE_MASKS[length + 12];
        long w1 = lanes(chars, from + 4) & LANE_MASKS[length + 8];
        long w2 = lanes(chars, from + 8) & LANE_MASKS[length + 4];
        long w3 = lanes(chars, from + 12) & LANE_MASKS[length];
        if (((w0 | w1 | w2 | w3) & HIGH_BYTES) == 0) {
            // Each lane holds a byte: the lanes of the next word fill the bytes in between.
            long k0 = w0 | w1 << 8;
            long k1 = w2 | w3 << 8;
            out[at] = header(inlineHash(k0, k1), length, LATIN1);
            out[at + 1] = k0;
            out[at + 2] = k1;
        } else if (length <= 8) {
            out[at] = header(inlineHash(w0, w1), length, UTF16);
            out[at + 1] = w0;
            out[at + 2] = w1;
        } else {
            keyOfSlowly(chars, from, to, out, at);
        }
    }

    /** {@link #keyOf} one character at a time. */
    static void keyOfSlowly(char[] chars, int from, int to, long[] out, int at) {
        int kind = kindOf(chars, from, to);
        int length = to - from;
        if (kind == POOLED) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + chars[i];
            }
            out[at] = header(finish(h), length, POOLED);
            out[at + 1] = NO_KEY;
            out[at + 2] = NO_KEY;
            return;
        }
        long k0 = pack(chars, from, to, kind, 0);
        long k1 = pack(chars, from, to, kind, 1);
        out[at] = header(inlineHash(k0, k1), length, kind);
        out[at + 1] = k0;
        out[at + 2] = k1;
    }

    /** {@code LANE_MASKS[r + 12]} keeps the first {@code r} 16-bit lanes of a word (none for r <= 0, all for r >= 4). */
    private static final long[] LANE_MASKS = new long[29];
    private static final long HIGH_BYTES = 0xFF00FF00FF00FF00L;

    static {
        for (int r = -12; r <= 16; r++) {
            LANE_MASKS[r + 12] = r <= 0 ? 0L : r >= 4 ? -1L : (1L << (16 * r)) - 1;
        }
    }

    private static long lanes(char[] chars, int from) {
        return chars[from] | (long) chars[from + 1] << 16 | (long) chars[from + 2] << 32
                | (long) chars[from + 3] << 48;
    }


    /**
     * The high half holds 27 bits of the hash (the table index comes from its low bits) and the term's length
     * (its low 5 bits, above the hash): with the length in the header, an inline key needs no terminator, so a
     * term may hold any character, NUL included.
     */
    private static long header(int hash, int length, int kind) {
        return ((long) ((hash & HASH_MASK) | ((length & 31) << HASH_BITS)) << 32) | ((long) kind << KIND_SHIFT);
    }

    /** Mixes an inline key's two words into 32 bits (the splitmix64 finaliser over their combination). */
    private static int inlineHash(long k0, long k1) {
        long h = k0 * 0x9E3779B97F4A7C15L + k1;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
    }

    /** Spreads the polynomial hash of a pooled term over the low bits the table uses (murmur3's finaliser). */
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
