package io.kroute.inference.text;

import java.util.Objects;

/**
 * What turns counts into feature values, in scikit-learn's order of floating-point operations: clipped to 1 when
 * binary, then for tf-idf {@code 1 + ln(tf)} when sub-linear, times idf, then the row norm summed in ascending
 * feature order. Immutable.
 */
final class FeatureWeights {
    private final TextVectorizer.Kind kind;
    private final boolean binary;
    private final double[] idf;
    private final TextVectorizer.Norm norm;
    private final boolean sublinearTf;

    FeatureWeights(TextVectorizer.Kind kind, boolean binary, double[] idf, TextVectorizer.Norm norm,
            boolean sublinearTf, int featureCount) {
        this.kind = Objects.requireNonNull(kind);
        this.binary = binary;
        if (idf != null && idf.length != featureCount) {
            throw new IllegalArgumentException("expected " + featureCount + " idf values, found " + idf.length);
        }
        this.idf = idf == null ? null : idf.clone();
        this.norm = Objects.requireNonNull(norm);
        this.sublinearTf = sublinearTf;
    }

    TextVectorizer.Kind kind() {
        return kind;
    }

    String describe() {
        if (kind == TextVectorizer.Kind.COUNT) {
            return "count" + (binary ? ", binary" : "");
        }
        return "tfidf" + (binary ? ", binary" : "") + (sublinearTf ? ", sublinear tf" : "")
                + (idf == null ? ", no idf" : "") + ", norm " + norm.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Replaces the counts in {@code out} by the feature values. */
    void apply(SparseFeatures out) {
        int size = out.size;
        double[] values = out.values;
        if (binary) {
            for (int i = 0; i < size; i++) {
                values[i] = 1.0;
            }
        }
        if (kind == TextVectorizer.Kind.COUNT) {
            return;
        }
        if (sublinearTf) {
            for (int i = 0; i < size; i++) {
                values[i] = Math.log(values[i]) + 1.0;
            }
        }
        if (idf != null) {
            int[] indices = out.indices;
            for (int i = 0; i < size; i++) {
                values[i] = values[i] * idf[indices[i]];
            }
        }
        if (norm == TextVectorizer.Norm.NONE) {
            return;
        }
        double sum = 0.0;
        for (int i = 0; i < size; i++) {
            sum += norm == TextVectorizer.Norm.L2 ? values[i] * values[i] : Math.abs(values[i]);
        }
        if (sum == 0.0) {
            return;
        }
        double divisor = norm == TextVectorizer.Norm.L2 ? Math.sqrt(sum) : sum;
        for (int i = 0; i < size; i++) {
            values[i] /= divisor;
        }
    }
}
