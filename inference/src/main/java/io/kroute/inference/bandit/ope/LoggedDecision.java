package io.kroute.inference.bandit.ope;

import java.util.Objects;

/**
 * One logged decision with its outcome: the context (prompt class), the arm chosen, the probability the logging
 * policy chose it with, and the reward in [0, 1] that followed.
 */
public record LoggedDecision(String context, String arm, double propensity, double reward) {

    public LoggedDecision {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(arm, "arm");
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity: expected a number in (0, 1], found " + propensity
                    + " (a decision logged with propensity 0 cannot be used for off-policy evaluation)");
        }
        if (!(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException("reward: expected a number in [0, 1], found " + reward);
        }
    }
}
