package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;

/**
 * Class scores that are linear in the features, {@code x · W[c] + b[c]}, normalised with a softmax: the
 * naive Bayes joint log-likelihood followed by scikit-learn's {@code predict_proba}.
 *
 * <p>Weights are stored feature-major, so one sparse feature touches one contiguous row. A naive Bayes weight
 * matrix holds few distinct values per class (they are logs of smoothed counts), so when every class column has
 * at most 256 distinct values (or, failing that, a few thousand) the rows hold a one-byte (two-byte) code per
 * class into that class's table of exact values: a 16-class row is 16 bytes instead of 128, and a 50,000-term
 * matrix 0.8 MB instead of 6.4 MB, so far fewer of its rows miss the cache. The values looked up are the very
 * doubles of the file; nothing is rounded. Each class's dot product is summed in ascending feature order, the
 * order scikit-learn's sparse product uses, so the sums are bit-for-bit the same whatever the layout.
 */
public final class LinearScores {
    /** How the weight rows are stored. */
    enum Layout { DENSE, BYTE_CODES, CHAR_CODES }

    /** Largest size of all class value tables together for the coded layouts: they must stay in the L1/L2 cache. */
    private static final int MAX_TABLE_BYTES = 256 * 1024;
    /** Below this size the dense matrix stays in the cache and is read without the indirection of codes. */
    private static final long DENSE_MAX_BYTES = 256 * 1024;

    /** Written only if the rows touched ahead of the scoring sum to an impossible value: keeps those reads live. */
    private static int unlikely;

    private final int classCount;
    private final int featureCount;
    private final Layout layout;
    /** {@code W[j * classes + c]} in the dense layout, else null. */
    private final double[] featureMajorWeights;
    /** {@code code(j, c)} at {@code [j * classes + c]} in the coded layouts, else null. */
    private final byte[] byteCodes;
    private final char[] charCodes;
    /** {@code W[j][c] = values[c * stride + code(j, c)]} in the coded layouts. */
    private final double[] values;
    private final int stride;
    private final double[] offsets;

    /**
     * @param classMajorWeights {@code [class][feature]}, as scikit-learn stores {@code feature_log_prob_}
     * @param offsets one term per class added after the dot product
     */
    public LinearScores(double[][] classMajorWeights, double[] offsets) {
        this(classMajorWeights, offsets, null);
    }

    /** With {@code layout} null, the smallest layout that fits; otherwise that one (when the weights allow it). */
    LinearScores(double[][] classMajorWeights, double[] offsets, Layout layout) {
        checkShape(classMajorWeights, offsets);
        this.classCount = classMajorWeights.length;
        this.featureCount = classMajorWeights[0].length;
        int cells = Math.multiplyExact(classCount, featureCount);
        this.offsets = offsets.clone();
        int maxDistinct = Math.min(1 << 16, MAX_TABLE_BYTES / 8 / classCount);
        if (layout == null) {
            layout = (long) cells * Double.BYTES <= DENSE_MAX_BYTES ? Layout.DENSE : Layout.CHAR_CODES;
        }
        int[] codes = null;
        double[] table = null;
        int distinct = 0;
        if (layout != Layout.DENSE) {
            int limit = layout == Layout.BYTE_CODES ? 1 << 8 : maxDistinct;
            table = new double[classCount * limit];
            codes = new int[cells];
            distinct = encode(classMajorWeights, limit, table, codes);
            if (distinct < 0) {
                layout = Layout.DENSE;
            } else if (distinct <= 1 << 8) {
                layout = Layout.BYTE_CODES;
            }
        }
        this.layout = layout;
        switch (layout) {
            case DENSE -> {
                featureMajorWeights = featureMajor(classMajorWeights);
                byteCodes = null;
                charCodes = null;
                values = null;
                stride = 0;
            }
            case BYTE_CODES -> {
                featureMajorWeights = null;
                byteCodes = new byte[cells];
                for (int i = 0; i < cells; i++) {
                    byteCodes[i] = (byte) codes[i];
                }
                charCodes = null;
                stride = 1 << 8;
                values = restride(table, table.length / classCount, stride);
            }
            default -> {
                featureMajorWeights = null;
                byteCodes = null;
                charCodes = new char[cells];
                for (int i = 0; i < cells; i++) {
                    charCodes[i] = (char) codes[i];
                }
                stride = Math.max(1, distinct);
                values = restride(table, table.length / classCount, stride);
            }
        }
    }

    private static void checkShape(double[][] classMajorWeights, double[] offsets) {
        int classes = classMajorWeights.length;
        if (classes == 0) {
            throw new IllegalArgumentException("expected at least one class, found none");
        }
        int features = classMajorWeights[0].length;
        if (offsets.length != classes) {
            throw new IllegalArgumentException("expected " + classes + " offsets, found " + offsets.length);
        }
        for (int c = 0; c < classes; c++) {
            if (classMajorWeights[c].length != features) {
                throw new IllegalArgumentException("expected " + classes + " x " + features
                        + " weights, found a row " + c + " of length " + classMajorWeights[c].length);
            }
        }
    }

    /** {@code [class][feature]} as one array {@code [feature * classes + class]}: a feature's classes side by side. */
    private static double[] featureMajor(double[][] classMajorWeights) {
        int classes = classMajorWeights.length;
        int features = classMajorWeights[0].length;
        double[] featureMajor = new double[classes * features];
        for (int c = 0; c < classes; c++) {
            double[] row = classMajorWeights[c];
            for (int j = 0; j < features; j++) {
                featureMajor[j * classes + c] = row[j];
            }
        }
        return featureMajor;
    }

    /**
     * Gives every class column's distinct values (by their exact bits) codes from 0: fills {@code table[c * limit +
     * code]} and {@code codes[j * classes + c]}. Returns the most distinct values of any class, or -1 when one has
     * more than {@code limit}.
     */
    private int encode(double[][] weights, int limit, double[] table, int[] codes) {
        int capacity = Integer.highestOneBit(2 * limit - 1) << 1;
        long[] keys = new long[capacity];
        int[] slots = new int[capacity];
        int most = 0;
        for (int c = 0; c < classCount; c++) {
            java.util.Arrays.fill(slots, -1);
            int distinct = 0;
            double[] column = weights[c];
            for (int j = 0; j < featureCount; j++) {
                long bits = Double.doubleToRawLongBits(column[j]);
                long h = bits * 0x9E3779B97F4A7C15L;
                int slot = (int) (h >>> 40) & (capacity - 1);
                while (slots[slot] >= 0 && keys[slot] != bits) {
                    slot = (slot + 1) & (capacity - 1);
                }
                if (slots[slot] < 0) {
                    if (distinct == limit) {
                        return -1;
                    }
                    keys[slot] = bits;
                    slots[slot] = distinct;
                    table[c * limit + distinct] = column[j];
                    distinct++;
                }
                codes[j * classCount + c] = slots[slot];
            }
            most = Math.max(most, distinct);
        }
        return most;
    }

    private double[] restride(double[] table, int from, int to) {
        double[] out = new double[classCount * to];
        for (int c = 0; c < classCount; c++) {
            System.arraycopy(table, c * from, out, c * to, Math.min(from, to));
        }
        return out;
    }

    public int classCount() {
        return classCount;
    }

    public int featureCount() {
        return featureCount;
    }

    Layout layout() {
        return layout;
    }

    /** The weight of feature {@code feature} for class {@code c}, as given. */
    double weight(int feature, int c) {
        int cell = feature * classCount + c;
        return switch (layout) {
            case DENSE -> featureMajorWeights[cell];
            case BYTE_CODES -> values[c * stride + (byteCodes[cell] & 0xFF)];
            case CHAR_CODES -> values[c * stride + charCodes[cell]];
        };
    }

    /** Fills {@code out[c]} with the score of class c. */
    public void scores(SparseFeatures x, double[] out) {
        int classes = classCount;
        int n = x.size();
        touchRows(x, n);
        for (int c = 0; c < classes; c++) {
            out[c] = 0.0;
        }
        switch (layout) {
            case DENSE -> {
                double[] w = featureMajorWeights;
                for (int i = 0; i < n; i++) {
                    double value = x.value(i);
                    int base = x.index(i) * classes;
                    for (int c = 0; c < classes; c++) {
                        out[c] += value * w[base + c];
                    }
                }
            }
            case BYTE_CODES -> {
                byte[] codes = byteCodes;
                double[] table = values;
                int c = 0;
                // Four classes at a time, their sums in registers; each class still sums in feature order.
                for (; c + 4 <= classes; c += 4) {
                    int t0 = c << 8;
                    int t1 = t0 + (1 << 8);
                    int t2 = t1 + (1 << 8);
                    int t3 = t2 + (1 << 8);
                    double s0 = 0.0;
                    double s1 = 0.0;
                    double s2 = 0.0;
                    double s3 = 0.0;
                    for (int i = 0; i < n; i++) {
                        double value = x.value(i);
                        int base = x.index(i) * classes + c;
                        s0 += value * table[t0 | (codes[base] & 0xFF)];
                        s1 += value * table[t1 | (codes[base + 1] & 0xFF)];
                        s2 += value * table[t2 | (codes[base + 2] & 0xFF)];
                        s3 += value * table[t3 | (codes[base + 3] & 0xFF)];
                    }
                    out[c] = s0;
                    out[c + 1] = s1;
                    out[c + 2] = s2;
                    out[c + 3] = s3;
                }
                for (; c < classes; c++) {
                    int t = c << 8;
                    double sum = 0.0;
                    for (int i = 0; i < n; i++) {
                        sum += x.value(i) * table[t | (codes[x.index(i) * classes + c] & 0xFF)];
                    }
                    out[c] = sum;
                }
            }
            case CHAR_CODES -> {
                char[] codes = charCodes;
                double[] table = values;
                int stride = this.stride;
                for (int i = 0; i < n; i++) {
                    double value = x.value(i);
                    int base = x.index(i) * classes;
                    for (int c = 0, t = 0; c < classes; c++, t += stride) {
                        out[c] += value * table[t + codes[base + c]];
                    }
                }
            }
        }
        for (int c = 0; c < classCount; c++) {
            out[c] += offsets[c];
        }
    }

    /**
     * Reads the first and last cell of every row the features need, in a loop whose reads do not depend on one
     * another, so their cache misses overlap; the summing loop that follows, whose additions depend on one
     * another, then finds the rows in the cache.
     */
    private void touchRows(SparseFeatures x, int n) {
        int classes = classCount;
        int last = classes - 1;
        long sum = 0;
        switch (layout) {
            case DENSE -> {
                double[] w = featureMajorWeights;
                for (int i = 0; i < n; i++) {
                    int base = x.index(i) * classes;
                    sum += Double.doubleToRawLongBits(w[base]) ^ Double.doubleToRawLongBits(w[base + last]);
                }
            }
            case BYTE_CODES -> {
                byte[] codes = byteCodes;
                for (int i = 0; i < n; i++) {
                    int base = x.index(i) * classes;
                    sum += codes[base] + codes[base + last];
                }
            }
            case CHAR_CODES -> {
                char[] codes = charCodes;
                for (int i = 0; i < n; i++) {
                    int base = x.index(i) * classes;
                    sum += codes[base] + codes[base + last];
                }
            }
        }
        if (sum == Long.MIN_VALUE) {
            unlikely++;
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
     * is subtracted before exponentiating so no score overflows. Returns the entropy of the result in nats, from
     * the scores rather than a logarithm per class: with {@code Z = sum exp(s - max)},
     * {@code H = -sum p ln p = ln Z + sum p (max - s)}, two sums of non-negative terms, so nothing cancels.
     */
    public static double softmaxInPlace(double[] scores) {
        double max = scores[argmax(scores)];
        if (!Double.isFinite(max)) {
            max = 0.0;
        }
        double sum = 0.0;
        for (double s : scores) {
            sum += Math.exp(s - max);
        }
        double logNormaliser = Math.log(sum) + max;
        double expectedGap = 0.0;
        for (int c = 0; c < scores.length; c++) {
            double s = scores[c];
            double p = Math.exp(s - logNormaliser);
            scores[c] = p;
            expectedGap += p * (max - s);
        }
        double entropy = (logNormaliser - max) + expectedGap;
        // Scores are finite for every finite model and text; should one not be, fall back to the definition.
        return Double.isFinite(entropy) ? Math.max(0.0, entropy) : Classification.entropyOf(scores);
    }
}
