package io.kroute.inference.anomaly;

import io.kroute.inference.classify.Classification;
import io.kroute.inference.text.CharacterStats;
import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.TokenBuffer;
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
     * @param tokenHashes scratch space of at least the token count, reused across calls
     */
    static PromptFeatures extract(SparseFeatures x, Classification classification, int[] tokenHashes) {
        CharacterStats s = x.stats();
        if (s == null) {
            throw new IllegalStateException("the vectorizer pass did not gather character statistics");
        }
        TokenBuffer tokens = x.tokens();
        int tokenCount = tokens.count();
        double[] v = new double[PromptFeature.count()];
        double n = s.codePoints();
        v[PromptFeature.CHAR_COUNT.ordinal()] = s.totalLength();
        v[PromptFeature.TOKEN_COUNT.ordinal()] = tokenCount;
        if (tokenCount > 0) {
            long tokenChars = 0;
            for (int t = 0; t < tokenCount; t++) {
                tokenChars += tokens.end(t) - tokens.start(t);
            }
            v[PromptFeature.MEAN_TOKEN_LENGTH.ordinal()] = (double) tokenChars / tokenCount;
            v[PromptFeature.TOP_TOKEN_SHARE.ordinal()] = (double) mostFrequentTokenCount(tokens, tokenHashes) / tokenCount;
            v[PromptFeature.UNKNOWN_TOKEN_SHARE.ordinal()] = 1.0 - (double) x.knownTokens() / tokenCount;
            v[PromptFeature.MIXED_SCRIPT_SHARE.ordinal()] = (double) s.mixedScriptTokens() / tokenCount;
        }
        if (n > 0) {
            v[PromptFeature.NON_ASCII_SHARE.ordinal()] = s.nonAscii() / n;
            v[PromptFeature.SYMBOL_SHARE.ordinal()] = s.symbols() / n;
            v[PromptFeature.DIGIT_SHARE.ordinal()] = s.digits() / n;
            v[PromptFeature.UPPER_SHARE.ordinal()] = s.upper() / n;
            v[PromptFeature.INVISIBLE_SHARE.ordinal()] = s.invisible() / n;
        }
        v[PromptFeature.LONGEST_CHAR_RUN.ordinal()] = s.longestRun();
        v[PromptFeature.CHAR_ENTROPY.ordinal()] = s.entropyBits();
        v[PromptFeature.LONGEST_ENCODED_RUN.ordinal()] = s.longestEncodedRun();
        int classes = classification.probabilities().length;
        v[PromptFeature.CLASS_UNCERTAINTY.ordinal()] = classes > 1 ? classification.entropy() / Math.log(classes) : 0.0;
        return new PromptFeatures(v);
    }

    /** Sorting 32-bit token hashes groups equal tokens; a hash collision between two tokens is negligible. */
    private static int mostFrequentTokenCount(TokenBuffer tokens, int[] hashes) {
        int count = tokens.count();
        char[] chars = tokens.chars();
        for (int t = 0; t < count; t++) {
            int h = 0;
            for (int i = tokens.start(t); i < tokens.end(t); i++) {
                h = 31 * h + chars[i];
            }
            hashes[t] = h;
        }
        Arrays.sort(hashes, 0, count);
        int best = 0;
        for (int i = 0; i < count; ) {
            int j = i + 1;
            while (j < count && hashes[j] == hashes[i]) {
                j++;
            }
            best = Math.max(best, j - i);
            i = j;
        }
        return best;
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
