package io.kroute.inference.bandit;

/**
 * Exponentially discounted statistics: a reward observed at time {@code t} counts {@code 2^(-(now - t) / halfLife)}
 * at time {@code now}. The sums are stored as of {@code referenceTime}, the latest time seen; merging rescales
 * both sides to the later reference time and adds, which equals discounting every reward individually, so the
 * result does not depend on arrival order. A half-life of 0 means no discounting.
 *
 * @param halfLife clock units after which a reward counts half; 0 disables discounting
 * @param referenceTime the time the sums are expressed at
 * @param updates rewards aggregated, not discounted
 */
public record DecayedEvidence(double halfLife, long referenceTime, long updates, double weight, double rewardSum,
        double rewardSquareSum) implements ArmEvidence {

    public DecayedEvidence {
        if (!(halfLife >= 0) || !Double.isFinite(halfLife)) {
            throw new IllegalArgumentException("halfLife: expected a finite number >= 0, found " + halfLife);
        }
        if (updates < 0) {
            throw new IllegalArgumentException("updates: expected >= 0, found " + updates);
        }
        new Moments(weight, rewardSum, rewardSquareSum); // validates the sums
    }

    /** Evidence with no rewards yet. */
    public static DecayedEvidence empty(double halfLife) {
        return new DecayedEvidence(halfLife, Long.MIN_VALUE, 0, 0, 0, 0);
    }

    /** Factor by which evidence shrinks over {@code elapsed} clock units. */
    double decay(long elapsed) {
        if (halfLife == 0 || elapsed <= 0) {
            return 1.0;
        }
        return Math.exp(-elapsed * (Math.log(2) / halfLife));
    }

    @Override
    public DecayedEvidence plus(double reward, long time) {
        if (updates == 0) {
            return new DecayedEvidence(halfLife, time, 1, 1, reward, reward * reward);
        }
        if (time >= referenceTime) {
            double f = decay(time - referenceTime);
            return new DecayedEvidence(halfLife, time, updates + 1, weight * f + 1, rewardSum * f + reward,
                    rewardSquareSum * f + reward * reward);
        }
        // A late reward: it enters already discounted to the current reference time.
        double g = decay(referenceTime - time);
        return new DecayedEvidence(halfLife, referenceTime, updates + 1, weight + g, rewardSum + g * reward,
                rewardSquareSum + g * reward * reward);
    }

    @Override
    public DecayedEvidence merge(ArmEvidence other) {
        if (!(other instanceof DecayedEvidence o) || Double.compare(o.halfLife, halfLife) != 0) {
            throw new IllegalArgumentException("cannot merge evidence with different forgetting: expected "
                    + describe() + ", found " + describe(other));
        }
        if (o.updates == 0) {
            return this;
        }
        if (updates == 0) {
            return o;
        }
        long reference = Math.max(referenceTime, o.referenceTime);
        double f = decay(reference - referenceTime);
        double g = decay(reference - o.referenceTime);
        return new DecayedEvidence(halfLife, reference, updates + o.updates, weight * f + o.weight * g,
                rewardSum * f + o.rewardSum * g, rewardSquareSum * f + o.rewardSquareSum * g);
    }

    @Override
    public Moments at(long now) {
        if (updates == 0) {
            return Moments.NONE;
        }
        Moments atReference = new Moments(weight, rewardSum, rewardSquareSum);
        // Evidence is never scaled up: a clock behind the reference time sees the state as of the reference.
        return now <= referenceTime ? atReference : atReference.scaled(decay(now - referenceTime));
    }

    String describe() {
        return halfLife == 0 ? "no discounting" : "half-life " + halfLife;
    }

    static String describe(ArmEvidence evidence) {
        if (evidence instanceof DecayedEvidence d) {
            return d.describe();
        }
        if (evidence instanceof ChangeAwareEvidence c) {
            return c.describe();
        }
        if (evidence instanceof ChangeDetectingEvidence c) {
            return c.describe();
        }
        if (evidence instanceof CusumEvidence c) {
            return c.describe();
        }
        return ((WindowedEvidence) evidence).describe();
    }
}
