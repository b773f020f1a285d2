package io.kroute.inference.text;

import java.util.Arrays;

/**
 * How much a text repeats itself, from its tokens: the share of token bigrams, and of chunks of {@link #CHUNK}
 * consecutive tokens, that already occurred earlier in the text. A flood of one token or of a phrase, or a
 * paragraph pasted many times, repeats nearly every bigram and chunk; prose repeats a few bigrams ("of the") and
 * almost no chunk.
 *
 * <p>Memory is bounded and nothing grows with the text: each kind of n-gram has a table of {@link #SLOTS} entries
 * in sets of two (a new n-gram evicts the older of its set), so an n-gram counts as repeated when it was seen
 * recently, within roughly the last two thousand; and the share reported is that of the densest window of
 * {@link #WINDOW} consecutive n-grams (or of all of them, in a shorter text). A long normal document so scores
 * like a page of it, while a flood anywhere in a text fills a window with repeats. Entries carry the number of the
 * text that wrote them, so the tables are never cleared between texts.
 *
 * <p>Tokens are identified by the vocabulary's own lookup keys ({@link TermIndex#keyOf}): header and two key
 * words, combined into 64 bits; an n-gram by a polynomial over its tokens' values, modulo 2^64. The trainer's
 * Python copy ({@code trainer/anomaly_features.py}) computes the same numbers. Reusable; not thread-safe.
 */
public final class TokenRedundancy {
    /** Tokens per chunk: longer than any common phrase, shorter than a sentence. */
    public static final int CHUNK = 8;
    public static final int WINDOW = 256;
    static final int SET_BITS = 10;
    /** Two entries (ways) per set. */
    static final int SLOTS = 2 << SET_BITS;
    /** Where the stored tag starts in the mixed value: the 32 bits below the set index. */
    static final int TAG_SHIFT = 64 - SET_BITS - 32;
    static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    static final long KEY_MULTIPLIER = 0xC2B2AE3D27D4EB4FL;
    /** MULTIPLIER to the power CHUNK, modulo 2^64: what the token leaving a chunk contributed to its value. */
    static final long OUTGOING = power(MULTIPLIER, CHUNK);

    private final long[] bigrams = new long[SLOTS];
    private final long[] chunks = new long[SLOTS];
    /** The values of the last {@link #CHUNK} tokens, to take the oldest out of the rolling chunk value. */
    private final long[] recent = new long[CHUNK];
    private final Window bigramWindow = new Window();
    private final Window chunkWindow = new Window();
    /** The text being gathered, as stored in the tables' low 32 bits (never 0, the empty entry's). */
    private int text;
    private double bigramShare;
    private double chunkShare;

    /**
     * Gathers the redundancy of {@code count} tokens whose lookup keys (header, key word, key word) are in
     * {@code keys[3t..3t+2]}.
     */
    public void gather(long[] keys, int count) {
        if (++text == 0) {
            Arrays.fill(bigrams, 0L);
            Arrays.fill(chunks, 0L);
            text = 1;
        }
        long stamp = text & 0xFFFFFFFFL;
        long[] recent = this.recent;
        if (count - 1 <= WINDOW) {
            // Every n-gram fits in one window (most prompts): the share is repeats over n-grams, no ring needed.
            int bigramRepeats = 0;
            int chunkRepeats = 0;
            long previous = 0;
            long chunk = 0;
            for (int t = 0; t < count; t++) {
                long token = tokenValue(keys[3 * t], keys[3 * t + 1], keys[3 * t + 2]);
                if (t >= 1) {
                    bigramRepeats += seenBefore(bigrams, previous * MULTIPLIER + token, stamp);
                }
                chunk = chunk * MULTIPLIER + token - recent[t & (CHUNK - 1)] * OUTGOING;
                recent[t & (CHUNK - 1)] = token;
                if (t >= CHUNK - 1) {
                    chunkRepeats += seenBefore(chunks, chunk, stamp);
                }
                previous = token;
            }
            Arrays.fill(recent, 0L);
            bigramShare = count > 1 ? (double) bigramRepeats / (count - 1) : 0.0;
            chunkShare = count >= CHUNK ? (double) chunkRepeats / (count - CHUNK + 1) : 0.0;
            return;
        }
        bigramWindow.clear();
        chunkWindow.clear();
        long previous = 0;
        long chunk = 0;
        for (int t = 0; t < count; t++) {
            long token = tokenValue(keys[3 * t], keys[3 * t + 1], keys[3 * t + 2]);
            if (t >= 1) {
                bigramWindow.add(seenBefore(bigrams, previous * MULTIPLIER + token, stamp));
            }
            chunk = chunk * MULTIPLIER + token - recent[t & (CHUNK - 1)] * OUTGOING;
            recent[t & (CHUNK - 1)] = token;
            if (t >= CHUNK - 1) {
                chunkWindow.add(seenBefore(chunks, chunk, stamp));
            }
            previous = token;
        }
        Arrays.fill(recent, 0L);
        bigramShare = bigramWindow.densestShare();
        chunkShare = chunkWindow.densestShare();
    }

    /** Share of the token bigrams that repeat an earlier one, in the densest window; 0 without bigrams. */
    public double bigramShare() {
        return bigramShare;
    }

    /** Share of the chunks of {@link #CHUNK} tokens that repeat an earlier one, in the densest window. */
    public double chunkShare() {
        return chunkShare;
    }

    /**
     * A token's 64-bit value from its lookup key: the header already holds a well-mixed hash of the token (and
     * its length), the key words its characters; n-gram values are mixed once more where they are looked up.
     */
    static long tokenValue(long header, long k0, long k1) {
        return header ^ k0 * MULTIPLIER ^ k1 * KEY_MULTIPLIER;
    }

    /**
     * 1 when the n-gram with value {@code gram} is in its set (seen in this text and not evicted since), else 0,
     * making it the set's newer entry. Its value is mixed by one multiplication; the set is the top bits of the
     * product, the stored tag the 32 bits below them.
     */
    private static int seenBefore(long[] table, long gram, long stamp) {
        long mixed = gram * MULTIPLIER;
        int first = (int) (mixed >>> (64 - SET_BITS)) << 1;
        long entry = (mixed >>> TAG_SHIFT) << 32 | stamp;
        long newer = table[first];
        if (newer == entry || table[first + 1] == entry) {
            return 1;
        }
        // Two ways per set: the newer entry moves over, the older one leaves. A paragraph repeated many times keeps
        // every chunk unless three of its chunks share a set.
        table[first + 1] = newer;
        table[first] = entry;
        return 0;
    }

    private static long power(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    /** Repeat flags of the last {@link #WINDOW} n-grams, and the most repeats any full window held. */
    private static final class Window {
        private final long[] flags = new long[WINDOW / 64];
        private int added;
        private int inWindow;
        private int densest;

        void clear() {
            Arrays.fill(flags, 0L);
            added = 0;
            inWindow = 0;
            densest = 0;
        }

        void add(int repeated) {
            int at = added & (WINDOW - 1);
            long bit = 1L << at;
            int word = at >>> 6;
            int leaving = (flags[word] & bit) != 0 ? 1 : 0;
            inWindow += repeated - leaving;
            flags[word] = (flags[word] & ~bit) | ((long) repeated << at);
            added++;
            densest = Math.max(densest, inWindow);
        }

        double densestShare() {
            return added == 0 ? 0.0 : (double) densest / Math.min(added, WINDOW);
        }
    }
}
