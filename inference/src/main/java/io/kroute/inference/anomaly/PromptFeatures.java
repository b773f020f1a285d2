package io.kroute.inference.anomaly;

import io.kroute.inference.classify.Classification;
import io.kroute.inference.text.CharacterStats;
import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.TokenBuffer;
import io.kroute.inference.text.TokenRedundancy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The raw value of every {@link PromptFeature} for one prompt, indexed by ordinal. */
public final class PromptFeatures {
    private final double[] values;

    private PromptFeatures(double[] values) {
        this.values = values;
    }

    public static PromptFeatures of(double[] values) {
        if (values.length != PromptFeature.count()) {
            throw new IllegalArgumentException("expected " + PromptFeature.count() + " feature values, found "
                    + values.length);
        }
        return new PromptFeatures(values.clone());
    }

    /**
     * Derives the features from what one vectorizer pass left in {@code x} (which must have been created
     * {@link SparseFeatures#withStatistics() with statistics}) and the classification of the same text.
     *
     * @param logClasses ln of the number of classes (the uncertainty's normaliser)
     * @param tokenScratch scratch space of at least {@link #scratchSize} ints for the token count, reused
     */
    static PromptFeatures extract(SparseFeatures x, Classification classification, double logClasses,
            int[] tokenScratch) {
        CharacterStats s = x.stats();
        if (s == null) {
            throw new IllegalStateException("the vectorizer pass did not gather character statistics");
        }
        TokenBuffer tokens = x.tokens();
        int tokenCount = tokens.count();
        double[] v = new double[PromptFeature.count()];
        double n = s.codePoints();
        if (tokenCount > 0) {
            mostFrequentToken(x, tokenScratch, v);
            v[PromptFeature.UNKNOWN_TOKEN_SHARE.ordinal()] = 1.0 - (double) x.knownTokens() / tokenCount;
        }
        if (x.scannedTokens() > 0) {
            // Mixed-script tokens are counted by the scanner, before stop words are removed.
            v[PromptFeature.MIXED_SCRIPT_SHARE.ordinal()] = (double) s.mixedScriptTokens() / x.scannedTokens();
        }
        if (n > 0) {
            v[PromptFeature.DIGIT_SHARE.ordinal()] = s.digits() / n;
            v[PromptFeature.UPPER_SHARE.ordinal()] = s.upper() / n;
            v[PromptFeature.INVISIBLE_SHARE.ordinal()] = s.invisible() / n;
            v[PromptFeature.ENCODED_SHARE.ordinal()] = s.encodedChars() / n;
        }
        v[PromptFeature.LONGEST_CHAR_RUN.ordinal()] = s.longestRun();
        v[PromptFeature.LONGEST_ENCODED_RUN.ordinal()] = s.longestEncodedRun();
        TokenRedundancy redundancy = x.redundancy();
        v[PromptFeature.REPEATED_BIGRAM_SHARE.ordinal()] = redundancy.bigramShare();
        v[PromptFeature.REPEATED_CHUNK_SHARE.ordinal()] = redundancy.chunkShare();
        int classes = classification.probabilities().length;
        v[PromptFeature.CLASS_UNCERTAINTY.ordinal()] = classes > 1 ? classification.entropy() / logClasses : 0.0;
        return new PromptFeatures(v);
    }

    /**
     * Sets the mean token length and the most frequent token's share. The vectorizer counted the tokens the
     * vocabulary knows ({@link SparseFeatures#topKnownTokenCount}); the unknown ones, usually few, are counted
     * here by their characters in an open-addressing table (a hash match alone is not enough: short tokens such
     * as "Aa" and "BB" share a hash). A known token never equals an unknown one.
     *
     * @param slots scratch space of at least {@link #scratchSize} ints
     */
    private static void mostFrequentToken(SparseFeatures x, int[] slots, double[] v) {
        TokenBuffer tokens = x.tokens();
        int count = tokens.count();
        long tokenChars = 0;
        int unknown = 0;
        for (int t = 0; t < count; t++) {
            tokenChars += tokens.end(t) - tokens.start(t);
            unknown += x.tokenFeature(t) >>> 31;
        }
        int best = x.topKnownTokenCount();
        if (unknown > 0) {
            best = Math.max(best, mostFrequentUnknown(x, unknown, slots));
        }
        v[PromptFeature.MEAN_TOKEN_LENGTH.ordinal()] = (double) tokenChars / count;
        v[PromptFeature.TOP_TOKEN_SHARE.ordinal()] = (double) best / count;
    }

    /** Occurrences of the most frequent of the {@code unknown} tokens the vocabulary does not know. */
    private static int mostFrequentUnknown(SparseFeatures x, int unknown, int[] slots) {
        TokenBuffer tokens = x.tokens();
        int count = tokens.count();
        int capacity = Integer.highestOneBit(Math.max(2, unknown * 2 - 1)) << 1;
        int mask = capacity - 1;
        // slots[0, capacity): token index + 1 of the slot's token (0 = empty); slots[capacity, 2 capacity): counts.
        Arrays.fill(slots, 0, capacity * 2, 0);
        char[] chars = tokens.chars();
        int best = 0;
        for (int t = 0; t < count; t++) {
            if (x.tokenFeature(t) >= 0) {
                continue;
            }
            int start = tokens.start(t);
            int end = tokens.end(t);
            int h = 0;
            for (int i = start; i < end; i++) {
                h = 31 * h + chars[i];
            }
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                int occupant = slots[slot] - 1;
                if (occupant < 0) {
                    slots[slot] = t + 1;
                    slots[capacity + slot] = 1;
                    best = Math.max(best, 1);
                    break;
                }
                if (Arrays.equals(chars, tokens.start(occupant), tokens.end(occupant), chars, start, end)) {
                    best = Math.max(best, ++slots[capacity + slot]);
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return best;
    }

    /** Scratch ints {@link #extract} needs for {@code tokens} tokens. */
    static int scratchSize(int tokens) {
        return (Integer.highestOneBit(Math.max(2, tokens * 2 - 1)) << 1) * 2;
    }

    public double get(PromptFeature feature) {
        return values[feature.ordinal()];
    }

    public double get(int ordinal) {
        return values[ordinal];
    }

    public double[] toArray() {
        return values.clone();
    }

    /** Feature key → raw value, in declaration order (for output and logs). */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (PromptFeature f : PromptFeature.values()) {
            map.put(f.key(), values[f.ordinal()]);
        }
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
