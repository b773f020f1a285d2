package io.kroute.inference.bandit;

import java.util.Objects;

/**
 * Settings shared by every policy.
 *
 * @param forgetting how past evidence loses weight
 * @param explorationFloor minimum probability of every arm, in [0, 1); capped at {@code 1 / K} for K arms
 * @param defaultPrior the prior of an arm with none configured
 * @param clock what the forgetting's clock counts
 */
public record BanditConfig(Forgetting forgetting, double explorationFloor, ArmPrior defaultPrior, Clock clock) {

    /** What discounting and windows measure age in. */
    public enum Clock {
        /**
         * The time passed with each reward (event time in the streaming topology). The same clock for every bandit
         * and every partition, so partial aggregates merge exactly.
         */
        EVENT_TIME,
        /**
         * The bandit's own count of applied rewards: each reward is one tick of its bandit. A rare class then keeps
         * as many rewards in memory as a busy one. Meant for a single writer per bandit (the simulator, one
         * partition); partial aggregates from several writers do not share this clock.
         */
        REWARD_COUNT
    }

    public BanditConfig(Forgetting forgetting, double explorationFloor, ArmPrior defaultPrior) {
        this(forgetting, explorationFloor, defaultPrior, Clock.EVENT_TIME);
    }

    public BanditConfig {
        Objects.requireNonNull(forgetting, "forgetting");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(defaultPrior, "defaultPrior");
        if (!(explorationFloor >= 0 && explorationFloor < 1)) {
            throw new IllegalArgumentException("explorationFloor: expected a number in [0, 1), found " + explorationFloor);
        }
    }

    public static BanditConfig stationary() {
        return new BanditConfig(Forgetting.none(), 0, ArmPrior.UNIFORM);
    }
}
