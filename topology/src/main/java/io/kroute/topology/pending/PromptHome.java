package io.kroute.topology.pending;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The partition where a prompt's reward window lives: the one Java's default partitioner picks for the prompt id
 * (murmur2 of its UTF-8 bytes), which is also where Kafka Streams' repartition topics, keyed by prompt id, put
 * it. Producers need not agree: a prompt or reward that a producer wrote elsewhere (librdkafka's CRC32, a key
 * other than the id, no key) is forwarded home through a repartition topic; one already home is handled in place.
 */
public final class PromptHome {

    /**
     * Streams property with the number of partitions of {@code prompts} (and so of the tasks that decide). The
     * runtime sets it from the topic; without it nothing is known to be home and every window and reward goes
     * through the repartition topics, which is correct, one hop slower.
     */
    public static final String PARTITIONS_CONFIG = "kroute.prompts.partitions";

    private final int partitions;
    private final int taskPartition;

    private PromptHome(int partitions, int taskPartition) {
        this.partitions = partitions;
        this.taskPartition = taskPartition;
    }

    /** The home test of the task {@code context} belongs to. */
    public static PromptHome of(ProcessorContext<?, ?> context) {
        return new PromptHome(partitions(context.appConfigs()), context.taskId().partition());
    }

    static int partitions(Map<String, Object> configs) {
        Object value = configs.get(PARTITIONS_CONFIG);
        if (value == null) {
            return 0;
        }
        try {
            int count = Integer.parseInt(value.toString().trim());
            if (count < 1) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PARTITIONS_CONFIG + ": expected a partition count of at least 1, "
                    + "found '" + value + "'");
        }
    }

    /** The partition of {@code promptId} among {@code partitions}, as Java's default partitioner computes it. */
    public static int partitionOf(String promptId, int partitions) {
        return partitionOf(promptId.getBytes(StandardCharsets.UTF_8), partitions);
    }

    static int partitionOf(byte[] promptIdBytes, int partitions) {
        return Utils.toPositive(Utils.murmur2(promptIdBytes)) % partitions;
    }

    /** Whether this task is the home of {@code promptId}; false when the partition count is not known. */
    public boolean isHere(String promptId) {
        return isHere(promptId.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this task is the home of the prompt id whose UTF-8 bytes are {@code promptIdBytes}. */
    public boolean isHere(byte[] promptIdBytes) {
        return partitions > 0 && partitionOf(promptIdBytes, partitions) == taskPartition;
    }
}
