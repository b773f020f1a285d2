package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;

/**
 * Class scores that are linear in the features, {@code x · W[c] + b[c]}, normalised with a softmax: the
 * naive Bayes joint log-likelihood followed by scikit-learn's {@code predict_proba}.
 *
 * <p>Weights are stored feature-major ({@code W[j * classes + c]}) so one sparse feature touches one
 * contiguous run of memory. Each class's dot product is summed in ascending feature order, the order
 * scikit-learn's sparse product uses, so the sums are bit-for-bit the same.
 */
public final class LinearScores {
    private final int classCount;
    private final int featureCount;
    private final double[] featureMajorWeights;
    private final double[] offsets;

    /**
     * @param classMajorWeights {@code [class][feature]}, as scikit-learn stores {@code feature_log_prob_}
     * @param offsets one term per class added after the dot product
     */
    public LinearScores(double[][] classMajorWeights, double[] offsets) {
        this.classCount = classMajorWeights.length;
        if (classCount == 0) {
            throw new IllegalArgumentException("expected at least one class, found none");
        }
        this.featureCount = classMajorWeights[0].length;
        if (offsets.length != classCount) {
            throw new IllegalArgumentException("expected " + classCount + " offsets, found " + offsets.length);
        }
        this.featureMajorWeights = new double[Math.multiplyExact(classCount, featureCount)];
        for (int c = 0; c < classCount; c++) {
            double[] row = classMajorWeights[c];
            if (row.length != featureCount) {
                throw new IllegalArgumentException("expected " + classCount + " x " + featureCount
                        + " weights, found a row " + c + " of length " + row.length);
            }
            for (int j = 0; j < featureCount; j++) {
                featureMajorWeights[j * classCount + c] = row[j];
            }
        }
        this.offsets = offsets.clone();
    }

    public int classCount() {
        return classCount;
    }

    public int featureCount() {
        return featureCount;
    }

    /** Fills {@code out[c]} with the score of class c. */
    public void scores(SparseFeatures x, double[] out) {
        for (int c = 0; c < classCount; c++) {
            out[c] = 0.0;
        }
        double[] w = featureMajorWeights;
        int classes = classCount;
        for (int i = 0, n = x.size(); i < n; i++) {
            double value = x.value(i);
            int base = x.index(i) * classes;
            for (int c = 0; c < classes; c++) {
                out[c] += value * w[base + c];
            }
        }
        for (int c = 0; c < classCount; c++) {
            out[c] += offsets[c];
        }
    }

    /** Index of the largest score; the first one on ties, as numpy's argmax. */
    public static int argmax(double[] scores) {
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Replaces scores by {@code exp(s - logsumexp(s))}, computed as scipy's {@code logsumexp}: the maximum
     * is subtracted before exponentiating so no score overflows.
     */
    public static void softmaxInPlace(double[] scores) {
        double max = scores[argmax(scores)];
        if (!Double.isFinite(max)) {
            max = 0.0;
        }
        double sum = 0.0;
        for (double s : scores) {
            sum += Math.exp(s - max);
        }
        double logNormaliser = Math.log(sum) + max;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - logNormaliser);
        }
    }
}
