package io.kroute.inference.bandit;

/**
 * Mergeable sufficient statistics of the rewards one arm has received: a (possibly discounted or windowed)
 * count, reward sum and sum of squared rewards.
 *
 * <p>Values are immutable. {@link #merge} of two partial aggregates equals the aggregate of all their rewards,
 * whatever the order in which rewards arrived, so stream partitions can aggregate independently and merge.
 */
public sealed interface ArmEvidence permits DecayedEvidence, WindowedEvidence, ChangeAwareEvidence,
        ChangeDetectingEvidence, CusumEvidence {

    /** Returns the evidence with one more reward in [0, 1], observed at {@code time} (clock units). */
    ArmEvidence plus(double reward, long time);

    /** Returns the evidence of both aggregates; both must use the same forgetting settings. */
    ArmEvidence merge(ArmEvidence other);

    /** The statistics as they stand at {@code now}: discounted to it, or restricted to the window ending there. */
    Moments at(long now);

    /** The latest time this evidence has seen (its reference time). */
    long referenceTime();

    /** How many rewards went into this aggregate (never discounted). */
    long updates();
}
