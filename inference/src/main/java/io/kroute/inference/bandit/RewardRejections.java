package io.kroute.inference.bandit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts of rewards refused, by reason; refused rewards are never applied. */
public final class RewardRejections {

    /** Why a reward was refused. */
    public enum Reason {
        NOT_A_NUMBER,
        OUT_OF_RANGE,
        NOT_BINARY,
        UNKNOWN_ARM
    }

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

    public RewardRejections() {
        for (Reason reason : Reason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void record(Reason reason) {
        counts.get(reason).increment();
    }

    public long count(Reason reason) {
        return counts.get(reason).sum();
    }

    public long total() {
        long total = 0;
        for (LongAdder adder : counts.values()) {
            total += adder.sum();
        }
        return total;
    }

    /** The counts by reason, in a stable order. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> copy = new EnumMap<>(Reason.class);
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }

    /**
     * Checks a reward; returns the reason it must be refused, or {@code null} when it may be applied.
     * Rewards must be in [0, 1], and exactly 0 or 1 when {@code binary}.
     */
    public static Reason check(double reward, boolean binary) {
        if (Double.isNaN(reward)) {
            return Reason.NOT_A_NUMBER;
        }
        if (reward < 0 || reward > 1) {
            return Reason.OUT_OF_RANGE;
        }
        if (binary && reward != 0 && reward != 1) {
            return Reason.NOT_BINARY;
        }
        return null;
    }
}
