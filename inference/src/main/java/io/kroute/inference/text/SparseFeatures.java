package io.kroute.inference.text;

import java.util.Arrays;

/**
 * A reusable sparse feature vector: feature indices in ascending order with their values, plus the token
 * buffer it was built from. One per thread; never shared.
 */
public final class SparseFeatures {
    final TokenBuffer tokens = new TokenBuffer();
    long[] lookupScratch = new long[384];
    int[] tokenFeatures = new int[128];
    int hitCount;
    /**
     * The features hit so far: a bit per feature, a bit per word of those bits that is not zero, and a count per
     * feature (counts from 255 on continue in {@link #overflow}). All zero between texts.
     */
    long[] seen = new long[0];
    long[] seenWords = new long[0];
    byte[] counts = new byte[0];
    int[] overflow = new int[16];
    int overflowCount;
    /** Set while hits are being gathered; if a text is abandoned midway, the next one starts from clean arrays. */
    boolean gathering;
    boolean[] keep = new boolean[64];
    int[] indices = new int[128];
    double[] values = new double[128];
    int size;
    int knownTokens;
    /** Occurrences of the most frequent token the vocabulary knows (0 without unigrams). */
    int topKnownTokenCount;
    int scannedTokens;
    /** Whether {@link #tokenFeatures} holds the last text's unigram lookups (not without unigrams). */
    boolean tokenFeaturesLooked;
    CharacterStats stats;
    TokenRedundancy redundancy;
    /** Scratch of the character analyzers, made on first use. */
    private CharGrams charGrams;

    CharGrams charGrams() {
        if (charGrams == null) {
            charGrams = new CharGrams();
        }
        return charGrams;
    }

    /**
     * Makes {@link TextVectorizer#transform} also gather character statistics into {@link #stats()} and the tokens'
     * redundancy into {@link #redundancy()}.
     */
    public SparseFeatures withStatistics() {
        if (stats == null) {
            stats = new CharacterStats();
            redundancy = new TokenRedundancy();
        }
        return this;
    }

    /** How much the last text's tokens repeat themselves, or null unless {@link #withStatistics()} was called. */
    public TokenRedundancy redundancy() {
        return redundancy;
    }

    /** Character statistics of the last text, or null unless {@link #withStatistics()} was called. */
    public CharacterStats stats() {
        return stats;
    }

    /** The number of tokens the last text scanned into, before stop words were removed. */
    public int scannedTokens() {
        return scannedTokens;
    }

    /**
     * Occurrences of the last text's most frequent token that the vocabulary knows (after stop-word removal), or
     * 0 when none is known or the vocabulary holds no unigrams.
     */
    public int topKnownTokenCount() {
        return topKnownTokenCount;
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


    /** Starts gathering the hits of a text over {@code featureCount} features. */
    void startHits(int featureCount) {
        int words = (featureCount + 63) >>> 6;
        if (counts.length != featureCount || gathering) {
            seen = new long[words];
            seenWords = new long[(words + 63) >>> 6];
            counts = new byte[featureCount];
        }
        hitCount = 0;
        overflowCount = 0;
        gathering = true;
    }

    /** Counts a hit; returns the feature's count so far, exact below 255 and 255 from there on. */
    int addHit(int feature) {
        hitCount++;
        int word = feature >>> 6;
        seen[word] |= 1L << feature;
        seenWords[word >>> 6] |= 1L << word;
        int count = counts[feature] & 0xFF;
        if (count == 0xFF) {
            addOverflow(feature);
            return count;
        }
        counts[feature] = (byte) (count + 1);
        return count + 1;
    }

    /** The largest count of a feature hit more than 255 times so far (0 when none was): 255 plus its overflows. */
    int largestOverflowedCount() {
        if (overflowCount == 0) {
            return 0;
        }
        Arrays.sort(overflow, 0, overflowCount);
        int longest = 0;
        for (int i = 0, run = 0; i < overflowCount; i++) {
            run = i > 0 && overflow[i] == overflow[i - 1] ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return 0xFF + longest;
    }

    private void addOverflow(int feature) {
        if (overflowCount == overflow.length) {
            overflow = Arrays.copyOf(overflow, overflowCount * 2);
        }
        overflow[overflowCount++] = feature;
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

    /**
     * The features hit, in ascending order, with their counts, into {@link #indices} and {@link #values}; leaves
     * the gathering arrays zero. The order comes from walking the bits, not from sorting the hits.
     */
    void aggregateHits() {
        if (overflowCount > 0) {
            Arrays.sort(overflow, 0, overflowCount);
        }
        int distinctMax = Math.min(hitCount, counts.length);
        if (indices.length < distinctMax) {
            indices = new int[distinctMax];
            values = new double[distinctMax];
        }
        long[] seen = this.seen;
        long[] seenWords = this.seenWords;
        byte[] counts = this.counts;
        int[] indices = this.indices;
        double[] values = this.values;
        int n = 0;
        int nextOverflow = 0;
        for (int s = 0; s < seenWords.length; s++) {
            long words = seenWords[s];
            if (words == 0) {
                continue;
            }
            seenWords[s] = 0;
            do {
                int word = (s << 6) + Long.numberOfTrailingZeros(words);
                words &= words - 1;
                long bits = seen[word];
                seen[word] = 0;
                do {
                    int feature = (word << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int count = counts[feature] & 0xFF;
                    counts[feature] = 0;
                    if (count == 0xFF) {
                        while (nextOverflow < overflowCount && overflow[nextOverflow] == feature) {
                            count++;
                            nextOverflow++;
                        }
                    }
                    indices[n] = feature;
                    values[n] = count;
                    n++;
                } while (bits != 0);
            } while (words != 0);
        }
        size = n;
        gathering = false;
    }
}
