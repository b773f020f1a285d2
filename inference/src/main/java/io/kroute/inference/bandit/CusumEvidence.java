package io.kroute.inference.bandit;

/**
 * The per-arm statistics of CUSUM-UCB (Liu, Lee and Shroff, AAAI 2018): the rewards since the arm's last restart and
 * a two-sided CUSUM test against the mean of the first {@code warmup} of them. After the warm-up, every reward
 * {@code y} moves {@code g+ = max(0, g+ + y - u0 - drift)} and {@code g- = max(0, g- + u0 - y - drift)}; when either
 * exceeds {@code threshold}, the arm restarts: its counts, sums and test start again from nothing (a local restart).
 *
 * <p>The test is sequential: it depends on the order of the rewards, so it needs one writer per arm, and two
 * non-empty aggregates cannot be merged.
 */
public record CusumEvidence(int warmup, double drift, double threshold, long referenceTime, long count,
        double rewardSum, double rewardSquareSum, double warmupMean, double upper, double lower, long changes)
        implements ArmEvidence {

    public CusumEvidence {
        if (warmup < 1) {
            throw new IllegalArgumentException("warmup: expected at least 1 reward, found " + warmup);
        }
        if (!(drift >= 0) || !Double.isFinite(drift)) {
            throw new IllegalArgumentException("drift: expected a finite number >= 0, found " + drift);
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: expected a finite number > 0, found " + threshold);
        }
        new Moments(count, rewardSum, rewardSquareSum); // validates the sums
    }

    public static CusumEvidence empty(int warmup, double drift, double threshold) {
        return new CusumEvidence(warmup, drift, threshold, Long.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public CusumEvidence plus(double reward, long time) {
        long n = count + 1;
        long reference = Math.max(referenceTime, time);
        if (n <= warmup) {
            double mean = warmupMean + (reward - warmupMean) / n;
            return new CusumEvidence(warmup, drift, threshold, reference, n, rewardSum + reward,
                    rewardSquareSum + reward * reward, mean, 0, 0, changes);
        }
        double up = Math.max(0, upper + reward - warmupMean - drift);
        double down = Math.max(0, lower + warmupMean - reward - drift);
        if (up > threshold || down > threshold) {
            return new CusumEvidence(warmup, drift, threshold, reference, 0, 0, 0, 0, 0, 0, changes + 1);
        }
        return new CusumEvidence(warmup, drift, threshold, reference, n, rewardSum + reward,
                rewardSquareSum + reward * reward, warmupMean, up, down, changes);
    }

    @Override
    public CusumEvidence merge(ArmEvidence other) {
        if (!(other instanceof CusumEvidence o) || o.warmup != warmup || Double.compare(o.drift, drift) != 0
                || Double.compare(o.threshold, threshold) != 0) {
            throw new IllegalArgumentException("cannot merge evidence with different forgetting: expected "
                    + describe() + ", found " + DecayedEvidence.describe(other));
        }
        if (o.count == 0 && o.changes == 0) {
            return this;
        }
        if (count == 0 && changes == 0) {
            return o;
        }
        throw new IllegalArgumentException("cannot merge two CUSUM aggregates: the test depends on the order of the"
                + " rewards, expected one writer per arm");
    }

    @Override
    public Moments at(long now) {
        return new Moments(count, Math.min(rewardSum, count), rewardSquareSum);
    }

    @Override
    public long updates() {
        return count;
    }

    String describe() {
        return "CUSUM (warm-up " + warmup + ", drift " + drift + ", threshold " + threshold + ")";
    }
}
