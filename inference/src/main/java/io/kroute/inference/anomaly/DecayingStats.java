package io.kroute.inference.anomaly;

/**
 * Exponentially weighted mean and variance in which a value's weight halves every {@code halfLifeMillis}
 * of event time, as an immutable value. It follows a drifting stream, and stays mergeable: two aggregates
 * are first decayed to the later of their times, then combined like weighted Welford aggregates, so
 * {@code a.merge(b)} equals the aggregate of both streams.
 *
 * @param weight total decayed weight (the effective number of recent values)
 * @param mean weighted mean
 * @param m2 weighted sum of squared deviations
 * @param timeMillis event time the weights are expressed at
 */
public record DecayingStats(double weight, double mean, double m2, long timeMillis) {
    public static final DecayingStats EMPTY = new DecayingStats(0.0, 0.0, 0.0, Long.MIN_VALUE);

    public DecayingStats {
        if (!(weight >= 0) || !Double.isFinite(weight) || !Double.isFinite(mean) || !Double.isFinite(m2) || m2 < 0) {
            throw new IllegalArgumentException("invalid decaying statistics: weight " + weight + ", mean " + mean
                    + ", m2 " + m2);
        }
    }

    /** This aggregate, decayed to {@code atMillis} (never back in time: older times leave it unchanged). */
    public DecayingStats decayedTo(long atMillis, double halfLifeMillis) {
        if (weight == 0.0) {
            return new DecayingStats(0.0, 0.0, 0.0, Math.max(timeMillis, atMillis));
        }
        if (atMillis <= timeMillis || Double.isInfinite(halfLifeMillis)) {
            return atMillis <= timeMillis ? this : new DecayingStats(weight, mean, m2, atMillis);
        }
        double factor = Math.pow(0.5, (atMillis - timeMillis) / halfLifeMillis);
        return new DecayingStats(weight * factor, mean, m2 * factor, atMillis);
    }

    /** Adds a value observed at {@code atMillis}; a value from before the aggregate's time counts as now. */
    public DecayingStats plus(double x, long atMillis, double halfLifeMillis) {
        if (!Double.isFinite(x)) {
            return this;
        }
        DecayingStats d = decayedTo(atMillis, halfLifeMillis);
        double w = d.weight + 1.0;
        double delta = x - d.mean;
        double newMean = d.mean + delta / w;
        return new DecayingStats(w, newMean, d.m2 + delta * (x - newMean), d.timeMillis);
    }

    public DecayingStats merge(DecayingStats other, double halfLifeMillis) {
        long at = Math.max(timeMillis, other.timeMillis);
        DecayingStats a = decayedTo(at, halfLifeMillis);
        DecayingStats b = other.decayedTo(at, halfLifeMillis);
        if (b.weight == 0.0) {
            return a;
        }
        if (a.weight == 0.0) {
            return b;
        }
        double w = a.weight + b.weight;
        double delta = b.mean - a.mean;
        return new DecayingStats(w, a.mean + delta * b.weight / w, a.m2 + b.m2 + delta * delta * a.weight * b.weight / w, at);
    }

    public double variance() {
        return weight <= 1.0 ? 0.0 : m2 / weight;
    }

    public double std() {
        return Math.sqrt(variance());
    }
}
