package io.kroute.inference.anomaly;

/**
 * Count, mean and sum of squared deviations of a stream of values (Welford), as an immutable value.
 * Two aggregates over disjoint parts of a stream {@link #merge merge} into the aggregate of the whole
 * (Chan et al.'s parallel formula), so partitions can aggregate independently.
 */
public record RunningStats(long count, double mean, double m2) {
    public static final RunningStats EMPTY = new RunningStats(0, 0.0, 0.0);

    public RunningStats {
        if (count < 0 || !Double.isFinite(mean) || !Double.isFinite(m2) || m2 < 0) {
            throw new IllegalArgumentException("invalid running statistics: count " + count + ", mean " + mean
                    + ", m2 " + m2);
        }
    }

    /** This aggregate with one more value; non-finite values are ignored (they would poison the mean). */
    public RunningStats plus(double x) {
        if (!Double.isFinite(x)) {
            return this;
        }
        long n = count + 1;
        double delta = x - mean;
        double newMean = mean + delta / n;
        return new RunningStats(n, newMean, m2 + delta * (x - newMean));
    }

    public RunningStats merge(RunningStats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        double newMean = mean + delta * other.count / n;
        double newM2 = m2 + other.m2 + delta * delta * ((double) count * other.count / n);
        return new RunningStats(n, newMean, newM2);
    }

    /** Population variance; 0 with fewer than two values. */
    public double variance() {
        return count < 2 ? 0.0 : m2 / count;
    }

    public double std() {
        return Math.sqrt(variance());
    }
}
