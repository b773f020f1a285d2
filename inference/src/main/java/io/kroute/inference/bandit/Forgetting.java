package io.kroute.inference.bandit;

/**
 * How an arm's past evidence loses weight, so that a policy follows a provider whose quality changes. Times
 * are in the caller's clock units: event-time milliseconds in the streaming topology, decision counts in the
 * simulator.
 */
public sealed interface Forgetting {

    /** Empty evidence of this kind. */
    ArmEvidence empty();

    /** Every reward counts forever. */
    static Forgetting none() {
        return new Exponential(0);
    }

    /** A reward counts {@code 2^(-age / halfLife)}. */
    static Forgetting halfLife(double halfLife) {
        if (!(halfLife > 0) || !Double.isFinite(halfLife)) {
            throw new IllegalArgumentException("halfLife: expected a finite number > 0, found " + halfLife);
        }
        return new Exponential(halfLife);
    }

    /** Only rewards in the last {@code bucketCount} buckets of {@code bucketWidth} count. */
    static Forgetting window(long bucketWidth, int bucketCount) {
        return new SlidingWindow(bucketWidth, bucketCount);
    }

    /**
     * Evidence kept twice, with a short and a long half-life ({@code historyHalfLife} 0: none); an arm is described by
     * its long history unless its recent rewards differ from it by more than {@code threshold} standard errors.
     */
    static Forgetting changeAware(double recentHalfLife, double historyHalfLife, double threshold) {
        return new ChangeAware(recentHalfLife, historyHalfLife, threshold);
    }

    /**
     * Evidence since the arm's last detected change ({@code segmentHalfLife} 0: undiscounted), with a change
     * detector of the given half-lives; see {@link ChangeDetectingEvidence}.
     */
    static Forgetting changeDetecting(double segmentHalfLife, double[] detectorHalfLives, double threshold,
            double minimumWeight) {
        return new ChangeDetecting(segmentHalfLife, detectorHalfLives.clone(), threshold, minimumWeight);
    }

    /** Rewards since the arm's last CUSUM alarm; see {@link CusumEvidence}. */
    static Forgetting cusum(int warmup, double drift, double threshold) {
        return new Cusum(warmup, drift, threshold);
    }

    /** See {@link ChangeDetectingEvidence}. */
    record ChangeDetecting(double segmentHalfLife, double[] detectorHalfLives, double threshold, double minimumWeight)
            implements Forgetting {
        public ChangeDetecting {
            detectorHalfLives = detectorHalfLives.clone();
            ChangeDetectingEvidence.empty(segmentHalfLife, detectorHalfLives, threshold, minimumWeight); // validates
        }

        @Override
        public ArmEvidence empty() {
            return ChangeDetectingEvidence.empty(segmentHalfLife, detectorHalfLives, threshold, minimumWeight);
        }

        @Override
        public double[] detectorHalfLives() {
            return detectorHalfLives.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ChangeDetecting o && Double.compare(o.segmentHalfLife, segmentHalfLife) == 0
                    && java.util.Arrays.equals(o.detectorHalfLives, detectorHalfLives)
                    && Double.compare(o.threshold, threshold) == 0 && Double.compare(o.minimumWeight, minimumWeight) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(segmentHalfLife, java.util.Arrays.hashCode(detectorHalfLives), threshold,
                    minimumWeight);
        }
    }

    /** See {@link CusumEvidence}. */
    record Cusum(int warmup, double drift, double threshold) implements Forgetting {
        public Cusum {
            CusumEvidence.empty(warmup, drift, threshold); // validates
        }

        @Override
        public ArmEvidence empty() {
            return CusumEvidence.empty(warmup, drift, threshold);
        }
    }

    /** See {@link ChangeAwareEvidence}. */
    record ChangeAware(double recentHalfLife, double historyHalfLife, double threshold) implements Forgetting {
        public ChangeAware {
            ChangeAwareEvidence.empty(recentHalfLife, historyHalfLife, threshold); // validates
        }

        @Override
        public ArmEvidence empty() {
            return ChangeAwareEvidence.empty(recentHalfLife, historyHalfLife, threshold);
        }
    }

    /** Exponential discounting; a half-life of 0 means none. */
    record Exponential(double halfLife) implements Forgetting {
        public Exponential {
            DecayedEvidence.empty(halfLife); // validates
        }

        @Override
        public ArmEvidence empty() {
            return DecayedEvidence.empty(halfLife);
        }
    }

    /** A sliding window of {@code bucketCount * bucketWidth} clock units, moved one bucket at a time. */
    record SlidingWindow(long bucketWidth, int bucketCount) implements Forgetting {
        public SlidingWindow {
            WindowedEvidence.empty(bucketWidth, bucketCount); // validates
        }

        @Override
        public ArmEvidence empty() {
            return WindowedEvidence.empty(bucketWidth, bucketCount);
        }
    }
}
