package io.kroute.runtime;

import io.kroute.topology.KrouteTopics;
import java.util.List;
import java.util.Map;

/** The settings kroute creates its topics ({@link KrouteTopics}) with. */
public final class TopicLayout {
    /** Room for weight files far larger than the shipped one (tens of kilobytes to a few megabytes). */
    public static final int DEFAULT_WEIGHTS_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

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
        // Outputs that carry a whole input record (quarantine, dead letters) take larger records than the inputs.
        Map<String, String> input = Map.of("max.message.bytes", Integer.toString(KrouteTopics.INPUT_MAX_MESSAGE_BYTES));
        Map<String, String> carrier = Map.of("max.message.bytes", Integer.toString(KrouteTopics.CARRIER_MAX_MESSAGE_BYTES));
        return List.of(
                new TopicSpec(KrouteTopics.PROMPTS, partitions, input),
                new TopicSpec(KrouteTopics.DECISIONS, partitions, Map.of()),
                new TopicSpec(KrouteTopics.QUARANTINE, partitions, carrier),
                new TopicSpec(KrouteTopics.REWARDS, partitions, input),
                new TopicSpec(KrouteTopics.DEAD_LETTERS, partitions, carrier),
                new TopicSpec(KrouteTopics.WEIGHTS, 1, Map.of(
                        "cleanup.policy", "compact",
                        "max.message.bytes", Integer.toString(weightsMaxMessageBytes))),
                new TopicSpec(KrouteTopics.ARM_STATE, partitions, compacted));
    }
}
