package io.kroute.inference.bandit;

import java.util.Objects;

/**
 * Settings shared by every policy.
 *
 * @param forgetting how past evidence loses weight
 * @param explorationFloor minimum probability of every arm, in [0, 1); capped at {@code 1 / K} for K arms
 * @param defaultPrior the prior of an arm with none configured
 */
public record BanditConfig(Forgetting forgetting, double explorationFloor, ArmPrior defaultPrior) {

    public BanditConfig {
        Objects.requireNonNull(forgetting, "forgetting");
        Objects.requireNonNull(defaultPrior, "defaultPrior");
        if (!(explorationFloor >= 0 && explorationFloor < 1)) {
            throw new IllegalArgumentException("explorationFloor: expected a number in [0, 1), found " + explorationFloor);
        }
    }

    public static BanditConfig stationary() {
        return new BanditConfig(Forgetting.none(), 0, ArmPrior.UNIFORM);
    }
}
