package io.kroute.topology.learn;

import io.kroute.topology.DeadLetter;

/** What the reward join makes of a decisions or rewards record: rewards for arms, or a dead letter. */
public sealed interface Learned {

    record Reward(ArmReward reward) implements Learned {
    }

    record DeadLettered(DeadLetter letter) implements Learned {
    }
}
