package io.kroute.inference.bandit;

import java.util.ArrayList;
import java.util.List;

/**
 * An arm's evidence since its last detected change, with a sequential change detector beside it. The policy reads
 * only {@code segment}: every reward since the arm last changed (optionally discounted). The detector keeps the
 * same rewards in a few exponentially discounted {@code detectors} of increasing half-life, counted in the arm's own
 * rewards (so an arm that is seldom chosen keeps its last rewards however long ago they came); after each reward it
 * compares every detector's mean with the segment's mean, and when one differs by more than {@code threshold}
 * standard errors (with at least {@code minimumWeight} of evidence in that detector), the arm has changed: the
 * segment restarts from that detector's rewards (those after the change, mostly), the detectors restart empty,
 * {@code changes} grows and {@code since} becomes the reward's time. Short detectors catch large changes in few
 * rewards; long ones catch small changes, and changes of an arm that is seldom chosen.
 *
 * <p>Under "no change" a detector's rewards are part of the segment, so the difference of the two means has about
 * the variance {@code v (1/n - 1/N)} (detector weight {@code n}, segment weight {@code N}), with {@code v} the
 * segment's reward variance shrunk by one pseudo-observation towards 1/4. The detector runs on the arm's single
 * writer (in the topology, the task that owns the arm after the repartition). Merging two aggregates of the same
 * segment adds the segment's sums exactly (they run on the shared clock); the detectors' sums are added as they
 * stand; a segment that restarted later supersedes an older one.
 *
 * @param since time of the segment's first reward: the arm's first reward, or the reward that detected the change
 */
public record ChangeDetectingEvidence(DecayedEvidence segment, List<DecayedEvidence> detectors, double threshold,
        double minimumWeight, long changes, long since) implements ArmEvidence {

    public ChangeDetectingEvidence {
        if (segment == null || detectors == null || detectors.isEmpty()) {
            throw new IllegalArgumentException("segment and detectors: expected evidence, found none");
        }
        detectors = List.copyOf(detectors);
        for (DecayedEvidence d : detectors) {
            if (!(d.halfLife() > 0)) {
                throw new IllegalArgumentException("detector half-life: expected a number > 0, found " + d.halfLife());
            }
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: expected a finite number > 0, found " + threshold);
        }
        if (!(minimumWeight > 0) || !Double.isFinite(minimumWeight)) {
            throw new IllegalArgumentException("minimumWeight: expected a finite number > 0, found " + minimumWeight);
        }
        if (changes < 0) {
            throw new IllegalArgumentException("changes: expected >= 0, found " + changes);
        }
    }

    public static ChangeDetectingEvidence empty(double segmentHalfLife, double[] detectorHalfLives, double threshold,
            double minimumWeight) {
        List<DecayedEvidence> detectors = new ArrayList<>(detectorHalfLives.length);
        for (double h : detectorHalfLives) {
            detectors.add(DecayedEvidence.empty(h));
        }
        return new ChangeDetectingEvidence(DecayedEvidence.empty(segmentHalfLife), detectors, threshold,
                minimumWeight, 0, Long.MIN_VALUE);
    }

    @Override
    public ChangeDetectingEvidence plus(double reward, long time) {
        DecayedEvidence nextSegment = segment.plus(reward, time);
        List<DecayedEvidence> next = new ArrayList<>(detectors.size());
        for (DecayedEvidence d : detectors) {
            // A detector's clock is its own count of rewards: an arm chosen rarely keeps its last rewards.
            next.add(d.plus(reward, d.updates()));
        }
        long start = segment.updates() == 0 ? time : since;
        Moments whole = nextSegment.at(time);
        for (DecayedEvidence d : next) {
            Moments recent = d.at(d.referenceTime());
            double effective = effectiveCount(recent.weight(), d.halfLife());
            if (effective >= minimumWeight && changed(recent, effective, whole)) {
                DecayedEvidence restarted = new DecayedEvidence(segment.halfLife(), time, d.updates(),
                        recent.weight(), recent.rewardSum(), recent.rewardSquareSum());
                List<DecayedEvidence> fresh = new ArrayList<>(detectors.size());
                for (DecayedEvidence old : detectors) {
                    fresh.add(DecayedEvidence.empty(old.halfLife()));
                }
                return new ChangeDetectingEvidence(restarted, fresh, threshold, minimumWeight, changes + 1, time);
            }
        }
        return new ChangeDetectingEvidence(nextSegment, next, threshold, minimumWeight, changes, start);
    }

    /**
     * The number of equally weighted rewards whose mean is as precise as a detector's discounted mean:
     * {@code (sum w)^2 / sum w^2}. The weights of the last {@code k} rewards are {@code r^j}, {@code r = 2^(-1/h)},
     * so {@code sum w = (1 - r^k) / (1 - r)} gives {@code r^k}, and {@code sum w^2 = (1 - r^2k) / (1 - r^2)}. It
     * grows from the weight itself (a few rewards) to twice the weight (many half-lives).
     */
    static double effectiveCount(double weight, double halfLife) {
        if (!(weight > 0)) {
            return 0;
        }
        double r = Math.pow(2, -1 / halfLife);
        double rk = Math.max(0, Math.min(1, 1 - weight * (1 - r)));
        double squares = (1 - rk * rk) / (1 - r * r);
        return squares > 0 ? weight * weight / squares : weight;
    }

    /**
     * Whether the recent mean {@code m} (effective count {@code n}) is too far from the segment's mean {@code M} (weight
     * {@code N}) to be the same arm: {@code rho * kl(m, M) / (1/n - 1/N) > threshold^2 / 2}, with {@code kl} the
     * Bernoulli divergence and {@code rho = M(1 - M) / v} the ratio of a 0/1 reward's variance to the segment's
     * reward variance {@code v} (shrunk by one pseudo-observation towards 1/4, at least 1, at most 10). For small
     * differences this is {@code (m - M)^2 > threshold^2 v (1/n - 1/N)}, a test of {@code threshold} standard errors;
     * for skewed rewards (a mean near 0 or 1) the divergence keeps a few unlucky rewards from counting as a change.
     */
    boolean changed(Moments recent, double n, Moments whole) {
        double total = whole.weight();
        // The segment must hold clearly more than the detector: below that the two means are of nearly the same
        // rewards, weighted differently, and their small difference says nothing.
        if (!(total >= 2 * n)) {
            return false;
        }
        double m = whole.mean();
        double observed = Math.max(0, whole.rewardSquareSum() / total - m * m);
        double variance = (total * observed + 0.25) / (total + 1);
        double bernoulli = Math.max(m * (1 - m), 1e-6);
        double rho = Math.max(1, Math.min(10, bernoulli / variance));
        double divergence = bernoulliDivergence(recent.mean(), m);
        return rho * divergence / (1 / n - 1 / total) > threshold * threshold / 2;
    }

    /** {@code kl(p, q)} between Bernoulli distributions, with both means kept inside (0, 1). */
    static double bernoulliDivergence(double p, double q) {
        double eps = 1e-9;
        p = Math.min(1 - eps, Math.max(eps, p));
        q = Math.min(1 - eps, Math.max(eps, q));
        return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    }

    /**
     * Both sides' rewards. Aggregates of the same segment (the same number of detected changes) add exactly; when
     * one side has detected more changes, its segment is the arm's present and the other side's is dropped.
     */
    @Override
    public ChangeDetectingEvidence merge(ArmEvidence other) {
        if (!(other instanceof ChangeDetectingEvidence o) || Double.compare(o.threshold, threshold) != 0
                || Double.compare(o.minimumWeight, minimumWeight) != 0 || o.detectors.size() != detectors.size()) {
            throw new IllegalArgumentException("cannot merge evidence with different forgetting: expected "
                    + describe() + ", found " + DecayedEvidence.describe(other));
        }
        if (o.segment.updates() == 0 && o.changes == 0) {
            return this;
        }
        if (segment.updates() == 0 && changes == 0) {
            return o;
        }
        if (o.changes != changes) {
            return o.changes > changes ? o : this;
        }
        List<DecayedEvidence> merged = new ArrayList<>(detectors.size());
        for (int i = 0; i < detectors.size(); i++) {
            merged.add(added(detectors.get(i), o.detectors.get(i)));
        }
        long start = changes == 0 ? Math.min(since, o.since) : Math.max(since, o.since);
        return new ChangeDetectingEvidence(segment.merge(o.segment), merged, threshold, minimumWeight, changes, start);
    }

    /** Two detectors' sums added as they stand (each side's clock counts only its own rewards). */
    private static DecayedEvidence added(DecayedEvidence a, DecayedEvidence b) {
        if (b.updates() == 0) {
            return a;
        }
        if (a.updates() == 0) {
            return b;
        }
        return new DecayedEvidence(a.halfLife(), a.updates() + b.updates() - 1, a.updates() + b.updates(),
                a.weight() + b.weight(), a.rewardSum() + b.rewardSum(), a.rewardSquareSum() + b.rewardSquareSum());
    }

    @Override
    public Moments at(long now) {
        return segment.at(now);
    }

    @Override
    public long referenceTime() {
        return segment.referenceTime();
    }

    @Override
    public long updates() {
        return segment.updates();
    }

    double[] detectorHalfLives() {
        return detectors.stream().mapToDouble(DecayedEvidence::halfLife).toArray();
    }

    String describe() {
        return "change detection (segment " + segment.describe() + ", detector half-lives "
                + java.util.Arrays.toString(detectorHalfLives()) + ", threshold " + threshold + ", minimum weight "
                + minimumWeight + ")";
    }
}
