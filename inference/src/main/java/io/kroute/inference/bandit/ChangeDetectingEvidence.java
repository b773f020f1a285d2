package io.kroute.inference.bandit;

import java.util.ArrayList;
import java.util.List;

/**
 * An arm's evidence since its last detected change, with a sequential change detector beside it. The policy reads
 * only {@code segment}: every reward since the arm last changed (optionally discounted). The detector keeps the
 * same rewards in a few exponentially discounted {@code detectors} of increasing half-life; after each reward it
 * compares every detector's mean with the segment's mean, and when one differs by more than {@code threshold}
 * standard errors (with at least {@code minimumWeight} of evidence in that detector), the arm has changed: the
 * segment restarts from that detector's rewards (those after the change, mostly), the detectors restart empty,
 * {@code changes} grows and {@code since} becomes the reward's time. Short detectors catch large changes in few
 * rewards; long ones catch small changes, and changes of an arm that is seldom chosen.
 *
 * <p>Under "no change" a detector's rewards are part of the segment, so the difference of the two means has about
 * the variance {@code v (1/n - 1/N)} (detector weight {@code n}, segment weight {@code N}), with {@code v} the
 * segment's reward variance shrunk by one pseudo-observation towards 1/4. The detector runs on the arm's single
 * writer (in the topology, the task that owns the arm after the repartition); merging two aggregates of the same
 * segment adds their sums exactly, and a segment that restarted later supersedes an older one.
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
            next.add(d.plus(reward, time));
        }
        long start = segment.updates() == 0 ? time : since;
        Moments whole = nextSegment.at(time);
        for (DecayedEvidence d : next) {
            Moments recent = d.at(time);
            if (recent.weight() >= minimumWeight && changed(recent, whole)) {
                DecayedEvidence restarted = new DecayedEvidence(segment.halfLife(), d.referenceTime(), d.updates(),
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

    /** Whether the recent mean differs from the segment's by more than {@code threshold} standard errors. */
    boolean changed(Moments recent, Moments whole) {
        double n = recent.weight();
        double total = whole.weight();
        if (!(total > n)) {
            return false;
        }
        double m = whole.mean();
        double difference = recent.mean() - m;
        double observed = Math.max(0, whole.rewardSquareSum() / total - m * m);
        double variance = (total * observed + 0.25) / (total + 1);
        return difference * difference > threshold * threshold * variance * (1 / n - 1 / total);
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
            merged.add(detectors.get(i).merge(o.detectors.get(i)));
        }
        long start = changes == 0 ? Math.min(since, o.since) : Math.max(since, o.since);
        return new ChangeDetectingEvidence(segment.merge(o.segment), merged, threshold, minimumWeight, changes, start);
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
