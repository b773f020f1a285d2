package io.kroute.inference.bandit;

/**
 * Discounting that forgets only when an arm has changed. Two exponentially discounted aggregates of the same
 * rewards are kept: {@code recent}, with a short half-life, and {@code history}, with a long one (or none).
 * While the recent mean agrees with the history mean, the arm is described by its history, so a provider that
 * stays as it was keeps all the evidence it has earned and the policy stops paying for exploration it does not
 * need. When the two disagree by more than {@code threshold} standard errors, the arm has changed and is
 * described by its recent rewards only, as plain discounting would describe it.
 *
 * <p>Both aggregates are {@link DecayedEvidence}, so merging stays exact; the choice between them is a pure
 * function of the merged sums, so two tasks that merged the same rewards describe the arm the same way.
 *
 * @param threshold standard errors of the difference between the recent and the history mean beyond which the
 *     arm counts as changed
 */
public record ChangeAwareEvidence(DecayedEvidence recent, DecayedEvidence history, double threshold)
        implements ArmEvidence {

    public ChangeAwareEvidence {
        if (recent == null || history == null) {
            throw new IllegalArgumentException("recent and history: expected evidence, found null");
        }
        if (!(recent.halfLife() > 0)) {
            throw new IllegalArgumentException("recent half-life: expected a number > 0, found " + recent.halfLife());
        }
        if (history.halfLife() != 0 && !(history.halfLife() > recent.halfLife())) {
            throw new IllegalArgumentException("history half-life: expected 0 (none) or more than the recent half-life "
                    + recent.halfLife() + ", found " + history.halfLife());
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: expected a finite number > 0, found " + threshold);
        }
        if (recent.updates() != history.updates()) {
            throw new IllegalArgumentException("recent and history: expected the same rewards, found "
                    + recent.updates() + " and " + history.updates());
        }
    }

    public static ChangeAwareEvidence empty(double recentHalfLife, double historyHalfLife, double threshold) {
        return new ChangeAwareEvidence(DecayedEvidence.empty(recentHalfLife), DecayedEvidence.empty(historyHalfLife),
                threshold);
    }

    @Override
    public ChangeAwareEvidence plus(double reward, long time) {
        return new ChangeAwareEvidence(recent.plus(reward, time), history.plus(reward, time), threshold);
    }

    @Override
    public ChangeAwareEvidence merge(ArmEvidence other) {
        if (!(other instanceof ChangeAwareEvidence o) || Double.compare(o.threshold, threshold) != 0) {
            throw new IllegalArgumentException("cannot merge evidence with different forgetting: expected "
                    + describe() + ", found " + DecayedEvidence.describe(other));
        }
        return new ChangeAwareEvidence(recent.merge(o.recent), history.merge(o.history), threshold);
    }

    @Override
    public Moments at(long now) {
        Moments longTerm = history.at(now);
        Moments shortTerm = recent.at(now);
        return changed(shortTerm, longTerm) ? shortTerm : longTerm;
    }

    /**
     * Whether the recent mean differs from the history mean by more than {@code threshold} standard errors. The
     * recent rewards are part of the history, so the difference of the two means has variance
     * {@code v (1 / n_recent - 1 / n_history)} under "no change", with {@code v} the history's reward variance
     * (shrunk towards the largest variance of a reward in [0, 1], 1/4, by one pseudo-observation, so that a history
     * of identical rewards does not make every difference look significant).
     */
    boolean changed(Moments shortTerm, Moments longTerm) {
        double n = shortTerm.weight();
        double total = longTerm.weight();
        if (!(n > 0) || !(total > n)) {
            return false;
        }
        double difference = shortTerm.mean() - longTerm.mean();
        double m = longTerm.mean();
        double observed = Math.max(0, longTerm.rewardSquareSum() / total - m * m);
        double variance = (total * observed + 0.25) / (total + 1);
        double spread = variance * (1 / n - 1 / total);
        return difference * difference > threshold * threshold * spread;
    }

    @Override
    public long referenceTime() {
        return recent.referenceTime();
    }

    @Override
    public long updates() {
        return recent.updates();
    }

    String describe() {
        return "change-aware discounting (recent " + recent.describe() + ", history " + history.describe()
                + ", threshold " + threshold + ")";
    }
}
