package io.kroute.inference.classify;

/** numpy's and scipy's arithmetic where its order of operations shows in the last bits of a probability. */
final class NumpyMath {
    /** numpy's pairwise summation block: below it a sum is eight interleaved partial sums. */
    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /** {@code np.sum(a[from:from + n])}: numpy's pairwise summation, which its reductions use for float64. */
    static double sum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return sum(a, from, half) + sum(a, from + half, n - half);
    }

    /** scipy's {@code expit}: {@code 1 / (1 + exp(-x))}. */
    static double expit(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Index of the largest value, the first on ties (numpy's argmax). */
    static int argmax(double[] values) {
        return LinearScores.argmax(values);
    }
}
