package io.kroute.inference.text;

import java.util.Arrays;

/**
 * A reusable sparse feature vector: feature indices in ascending order with their values, plus the token
 * buffer it was built from. One per thread; never shared.
 */
public final class SparseFeatures {
    final TokenBuffer tokens = new TokenBuffer();
    int[] hits = new int[128];
    int[] lookupScratch = new int[256];
    int[] tokenFeatures = new int[128];
    int hitCount;
    boolean[] keep = new boolean[64];
    int[] indices = new int[128];
    double[] values = new double[128];
    int size;
    int knownTokens;
    int scannedTokens;
    /** Whether {@link #tokenFeatures} holds the last text's unigram lookups (not without unigrams). */
    boolean tokenFeaturesLooked;
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

    /**
     * The vocabulary index of token {@code t} of the last text, or -1 when it is not in the vocabulary, or
     * when the vocabulary holds no unigrams. Equal indices ≥ 0 mean equal tokens.
     */
    public int tokenFeature(int t) {
        return tokenFeaturesLooked ? tokenFeatures[t] : -1;
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
            lookupScratch = new int[2 * size];
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
        Arrays.sort(hits, 0, hitCount);
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
}
