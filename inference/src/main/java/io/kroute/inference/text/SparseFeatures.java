package io.kroute.inference.text;

import java.util.Arrays;

/**
 * A reusable sparse feature vector: feature indices in ascending order with their values, plus the token
 * buffer it was built from. One per thread; never shared.
 */
public final class SparseFeatures {
    /** Below this many hits a comparison sort is cheaper than a radix sort's passes over its buckets. */
    static final int RADIX_SORT_MIN = 96;
    private static final int DIGIT_BITS = 8;
    private static final int RADIX = 1 << DIGIT_BITS;

    final TokenBuffer tokens = new TokenBuffer();
    int[] hits = new int[128];
    long[] lookupScratch = new long[384];
    int[] sortScratch = new int[128];
    final int[] digitCounts = new int[RADIX];
    int[] tokenFeatures = new int[128];
    int hitCount;
    boolean[] keep = new boolean[64];
    int[] indices = new int[128];
    double[] values = new double[128];
    int size;
    int knownTokens;
    int scannedTokens;
    CharacterStats stats;

    /** Makes {@link TextVectorizer#transform} also gather character statistics into {@link #stats()}. */
    public SparseFeatures withStatistics() {
        if (stats == null) {
            stats = new CharacterStats();
        }
        return this;
    }

    /** Character statistics of the last text, or null unless {@link #withStatistics()} was called. */
    public CharacterStats stats() {
        return stats;
    }

    /** The number of tokens the last text scanned into, before stop words were removed. */
    public int scannedTokens() {
        return scannedTokens;
    }

    /** How many of the last text's tokens (unigrams, after stop-word removal) are in the vocabulary. */
    public int knownTokens() {
        return knownTokens;
    }

    public int size() {
        return size;
    }

    public int index(int i) {
        return indices[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** The tokens of the last text vectorized (after stop-word removal). */
    public TokenBuffer tokens() {
        return tokens;
    }


    void addHit(int feature) {
        if (hitCount == hits.length) {
            hits = Arrays.copyOf(hits, hitCount * 2);
        }
        hits[hitCount++] = feature;
    }

    /** Room for {@link TermIndex#indexOfTokens} over {@code tokens} tokens. */
    void ensureLookupRoom(int tokens) {
        if (tokenFeatures.length < tokens) {
            int size = Math.max(tokens, tokenFeatures.length * 2);
            tokenFeatures = new int[size];
            lookupScratch = new long[3 * size];
        }
    }

    boolean[] keepArray(int n) {
        if (keep.length < n) {
            keep = new boolean[Math.max(n, keep.length * 2)];
        }
        return keep;
    }

    /** Sorts the hits and folds repeats into (index, count) pairs. */
    void aggregateHits() {
        sortHits();
        if (indices.length < hitCount) {
            indices = new int[hitCount];
            values = new double[hitCount];
        }
        int n = 0;
        for (int i = 0; i < hitCount; ) {
            int feature = hits[i];
            int j = i + 1;
            while (j < hitCount && hits[j] == feature) {
                j++;
            }
            indices[n] = feature;
            values[n] = j - i;
            n++;
            i = j;
        }
        size = n;
    }

    /** Sorts {@code hits[0, hitCount)} ascending: a least-significant-digit radix sort once there are many. */
    void sortHits() {
        int n = hitCount;
        if (n < RADIX_SORT_MIN) {
            Arrays.sort(hits, 0, n);
            return;
        }
        int bits = 0;
        for (int i = 0; i < n; i++) {
            bits |= hits[i];
        }
        int width = 32 - Integer.numberOfLeadingZeros(bits);
        if (sortScratch.length < n) {
            sortScratch = new int[hits.length];
        }
        int[] source = hits;
        int[] target = sortScratch;
        int[] counts = digitCounts;
        for (int shift = 0; shift < width; shift += DIGIT_BITS) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(source[i] >>> shift) & (RADIX - 1)]++;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int v = source[i];
                target[counts[(v >>> shift) & (RADIX - 1)]++] = v;
            }
            int[] swap = source;
            source = target;
            target = swap;
        }
        if (source != hits) {
            // An odd number of passes: the sorted hits are in the scratch array, which becomes the hits array.
            sortScratch = hits;
            hits = source;
        }
    }
}
