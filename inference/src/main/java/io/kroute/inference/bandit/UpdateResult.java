package io.kroute.inference.bandit;

/** The outcome of offering a reward to a bandit: applied, or refused with a reason (and counted). */
public record UpdateResult(boolean applied, RewardRejections.Reason rejection) {

    public static final UpdateResult APPLIED = new UpdateResult(true, null);

    public static UpdateResult rejected(RewardRejections.Reason reason) {
        return new UpdateResult(false, reason);
    }
}
