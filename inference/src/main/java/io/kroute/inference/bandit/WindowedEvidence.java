package io.kroute.inference.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sliding-window statistics kept in time buckets: bucket {@code i} holds the rewards observed in
 * {@code [i * bucketWidth, (i + 1) * bucketWidth)}. At time {@code now} only the {@code bucketCount} buckets
 * ending with the one containing {@code now} count. Buckets add bucket by bucket, so merging is exact.
 *
 * @param buckets the live buckets in ascending index order, at most {@code bucketCount} of them
 */
public record WindowedEvidence(long bucketWidth, int bucketCount, long updates, List<Bucket> buckets)
        implements ArmEvidence {

    /** The rewards of one time bucket. */
    public record Bucket(long index, double weight, double rewardSum, double rewardSquareSum) {
        Bucket plus(Bucket other) {
            return new Bucket(index, weight + other.weight, rewardSum + other.rewardSum,
                    rewardSquareSum + other.rewardSquareSum);
        }
    }

    public WindowedEvidence {
        if (bucketWidth <= 0) {
            throw new IllegalArgumentException("bucketWidth: expected > 0, found " + bucketWidth);
        }
        if (bucketCount <= 0) {
            throw new IllegalArgumentException("bucketCount: expected > 0, found " + bucketCount);
        }
        if (updates < 0) {
            throw new IllegalArgumentException("updates: expected >= 0, found " + updates);
        }
        buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets"));
        if (buckets.size() > bucketCount) {
            throw new IllegalArgumentException(
                    "buckets: expected at most " + bucketCount + ", found " + buckets.size());
        }
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            new Moments(b.weight(), b.rewardSum(), b.rewardSquareSum());
            if (i > 0 && buckets.get(i - 1).index() >= b.index()) {
                throw new IllegalArgumentException("buckets: expected strictly ascending indexes, found "
                        + buckets.get(i - 1).index() + " before " + b.index());
            }
        }
    }

    public static WindowedEvidence empty(long bucketWidth, int bucketCount) {
        return new WindowedEvidence(bucketWidth, bucketCount, 0, List.of());
    }

    @Override
    public WindowedEvidence plus(double reward, long time) {
        Bucket single = new Bucket(Math.floorDiv(time, bucketWidth), 1, reward, reward * reward);
        return combine(List.of(single), 1);
    }

    @Override
    public WindowedEvidence merge(ArmEvidence other) {
        if (!(other instanceof WindowedEvidence o) || o.bucketWidth != bucketWidth || o.bucketCount != bucketCount) {
            throw new IllegalArgumentException("cannot merge evidence with different forgetting: expected "
                    + describe() + ", found " + DecayedEvidence.describe(other));
        }
        return combine(o.buckets, o.updates);
    }

    private WindowedEvidence combine(List<Bucket> others, long otherUpdates) {
        List<Bucket> merged = new ArrayList<>(buckets.size() + others.size());
        int i = 0;
        int j = 0;
        while (i < buckets.size() || j < others.size()) {
            if (j == others.size() || (i < buckets.size() && buckets.get(i).index() < others.get(j).index())) {
                merged.add(buckets.get(i++));
            } else if (i == buckets.size() || others.get(j).index() < buckets.get(i).index()) {
                merged.add(others.get(j++));
            } else {
                merged.add(buckets.get(i++).plus(others.get(j++)));
            }
        }
        // Drop buckets that fell out of the window of the newest one.
        if (!merged.isEmpty()) {
            long oldestLive = merged.get(merged.size() - 1).index() - bucketCount + 1;
            merged.removeIf(b -> b.index() < oldestLive);
        }
        return new WindowedEvidence(bucketWidth, bucketCount, updates + otherUpdates, merged);
    }

    @Override
    public Moments at(long now) {
        long current = Math.floorDiv(now, bucketWidth);
        long oldestLive = current < Long.MIN_VALUE + bucketCount ? Long.MIN_VALUE : current - bucketCount + 1;
        double w = 0;
        double s = 0;
        double ss = 0;
        for (Bucket b : buckets) {
            if (b.index() >= oldestLive) {
                w += b.weight();
                s += b.rewardSum();
                ss += b.rewardSquareSum();
            }
        }
        return new Moments(w, s, ss);
    }

    @Override
    public long referenceTime() {
        return buckets.isEmpty() ? Long.MIN_VALUE : buckets.get(buckets.size() - 1).index() * bucketWidth;
    }

    String describe() {
        return "sliding window of " + bucketCount + " buckets of " + bucketWidth;
    }
}
