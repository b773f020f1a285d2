package io.kroute.runtime;

import java.util.List;
import java.util.Map;

/** The topics kroute reads and writes, and the settings it creates them with. */
public final class TopicLayout {
    public static final String PROMPTS = "prompts";
    public static final String DECISIONS = "decisions";
    public static final String QUARANTINE = "quarantine";
    public static final String REWARDS = "rewards";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String WEIGHTS = "weights";
    public static final String ARM_STATE = "arm-state";

    public static final List<String> ALL = List.of(PROMPTS, DECISIONS, QUARANTINE, REWARDS, DEAD_LETTERS, WEIGHTS,
            ARM_STATE);

    /** Room for weight files far larger than the shipped one (tens of kilobytes to a few megabytes). */
    public static final int DEFAULT_WEIGHTS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private TopicLayout() {
    }

    /**
     * The topics with their settings. {@code weights} and {@code arm-state} are compacted: only the latest
     * value per key matters, and it must never expire. {@code weights} has one partition, so every instance
     * sees one ordered history of weight files, and a message size limit set for whole weight files.
     */
    public static List<TopicSpec> specs(int partitions, int weightsMaxMessageBytes) {
        if (weightsMaxMessageBytes < 1024) {
            throw new IllegalArgumentException("the weights topic's max message size must be at least 1024 bytes, found "
                    + weightsMaxMessageBytes);
        }
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        return List.of(
                new TopicSpec(PROMPTS, partitions, Map.of()),
                new TopicSpec(DECISIONS, partitions, Map.of()),
                new TopicSpec(QUARANTINE, partitions, Map.of()),
                new TopicSpec(REWARDS, partitions, Map.of()),
                new TopicSpec(DEAD_LETTERS, partitions, Map.of()),
                new TopicSpec(WEIGHTS, 1, Map.of(
                        "cleanup.policy", "compact",
                        "max.message.bytes", Integer.toString(weightsMaxMessageBytes))),
                new TopicSpec(ARM_STATE, partitions, compacted));
    }
}
