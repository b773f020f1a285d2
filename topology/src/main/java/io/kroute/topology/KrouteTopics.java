package io.kroute.topology;

import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.serde.AvroSerde;
import io.kroute.topology.serde.JsonRecordSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * kroute's topics: their names, and descriptors with the serdes of what is written to them. Inputs that may
 * hold malformed records are consumed as bytes and decoded by the processors (see {@link KrouteTopology});
 * the descriptors say how well-formed records look, for producers, tests and tools.
 */
public final class KrouteTopics {

    public static final String PROMPTS = "prompts";
    public static final String DECISIONS = "decisions";
    public static final String QUARANTINE = "quarantine";
    public static final String REWARDS = "rewards";
    public static final String DEAD_LETTERS = "dead-letters";
    /** Compacted: one weight file per model name. */
    public static final String WEIGHTS = "weights";
    /** Compacted: one arm's statistics per {@code class|provider}. */
    public static final String ARM_STATE = "arm-state";

    /**
     * The largest record kroute creates {@code prompts} and {@code rewards} for: Kafka's default
     * {@code message.max.bytes}, made explicit so the room below holds on any cluster.
     */
    public static final int INPUT_MAX_MESSAGE_BYTES = 1_048_588;
    /**
     * The largest record kroute writes to {@code quarantine} and {@code dead-letters}, which carry a whole input
     * record plus kroute's additions (features, reason, headers): room for the largest input with plenty to spare.
     */
    public static final int CARRIER_MAX_MESSAGE_BYTES = 4 << 20;

    /** Every topic kroute reads or writes, for tools that create them. */
    public static final List<String> ALL = List.of(PROMPTS, DECISIONS, QUARANTINE, REWARDS, DEAD_LETTERS, WEIGHTS,
            ARM_STATE);
    /** The topics that must be compacted. */
    public static final List<String> COMPACTED = List.of(WEIGHTS, ARM_STATE);

    private final Topic<String, PromptEvent> prompts;
    private final Topic<String, RoutingDecision> decisions;
    private final Topic<String, QuarantineRecord> quarantine;
    private final Topic<String, RewardEvent> rewards;
    private final Topic<byte[], byte[]> deadLetters;
    private final Topic<String, byte[]> weights;
    private final Topic<String, ArmState> armState;

    /** The topics with Avro decisions and quarantine records. */
    public KrouteTopics(SchemaRegistry registry) {
        this(registry, KrouteConfig.DecisionFormat.AVRO);
    }

    /** @param decisionFormat how the values of {@code decisions} and {@code quarantine} are encoded */
    public KrouteTopics(SchemaRegistry registry, KrouteConfig.DecisionFormat decisionFormat) {
        boolean json = decisionFormat == KrouteConfig.DecisionFormat.JSON;
        prompts = new Topic<>(PROMPTS, Serdes.String(), AvroSerde.of(PromptEvent.class, registry));
        decisions = new Topic<>(DECISIONS, Serdes.String(), json ? JsonRecordSerde.of(RoutingDecision.class)
                : AvroSerde.of(RoutingDecision.class, registry));
        quarantine = new Topic<>(QUARANTINE, Serdes.String(), json ? JsonRecordSerde.of(QuarantineRecord.class)
                : AvroSerde.of(QuarantineRecord.class, registry));
        rewards = new Topic<>(REWARDS, Serdes.String(), AvroSerde.of(RewardEvent.class, registry));
        deadLetters = new Topic<>(DEAD_LETTERS, Serdes.ByteArray(), Serdes.ByteArray());
        weights = new Topic<>(WEIGHTS, Serdes.String(), Serdes.ByteArray());
        armState = new Topic<>(ARM_STATE, Serdes.String(), AvroSerde.of(ArmState.class, registry));
    }

    public Topic<String, PromptEvent> prompts() {
        return prompts;
    }

    public Topic<String, RoutingDecision> decisions() {
        return decisions;
    }

    public Topic<String, QuarantineRecord> quarantine() {
        return quarantine;
    }

    public Topic<String, RewardEvent> rewards() {
        return rewards;
    }

    public Topic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    public Topic<String, byte[]> weights() {
        return weights;
    }

    public Topic<String, ArmState> armState() {
        return armState;
    }
}
