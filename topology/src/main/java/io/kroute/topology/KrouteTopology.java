package io.kroute.topology;

import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.inference.routing.Eligibility;
import io.kroute.inference.routing.TokenEstimator;
import io.kroute.inference.weights.WeightFile;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.decide.AdaptiveBaselineSerde;
import io.kroute.topology.decide.ArmBoard;
import io.kroute.topology.decide.ArmStateUpdater;
import io.kroute.topology.decide.DecideProcessor;
import io.kroute.topology.decide.PromptDecoder;
import io.kroute.topology.decide.PromptScreen;
import io.kroute.topology.decide.ProviderChooser;
import io.kroute.topology.decide.ProviderRules;
import io.kroute.topology.learn.ArmAggregationProcessor;
import io.kroute.topology.learn.ArmReward;
import io.kroute.topology.learn.Learned;
import io.kroute.topology.learn.PendingDecision;
import io.kroute.topology.learn.PendingWindows;
import io.kroute.topology.learn.RewardJoinProcessor;
import io.kroute.topology.metrics.KrouteCounters;
import io.kroute.topology.weights.ActiveModel;
import io.kroute.topology.weights.ActiveWeights;
import io.kroute.topology.weights.WeightsUpdater;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * kroute's Kafka Streams topology, built as a pure function of its configuration: what the tests drive is what
 * production runs. Three paths (see docs/concepts.md and docs/architecture.md):
 * <ul>
 *   <li>decide: {@code prompts} → decode → classify and screen → {@code quarantine}, or choose a provider →
 *       {@code decisions};</li>
 *   <li>learn: each decision opens a reward window in its task's stores; {@code rewards} → join per prompt with
 *       that window → reward per arm → repartition by arm → discounted aggregate → {@code arm-state} → global
 *       store read by every decide task;</li>
 *   <li>weights: {@code weights} → validate → the active model of every decide task.</li>
 * </ul>
 * Every input is consumed as bytes and decoded inside a processor, so a malformed record becomes a dead letter
 * with its reason instead of stopping the stream.
 */
public final class KrouteTopology {

    /** Name of the internal topic that carries rewards to the task owning their arm. */
    public static final String ARM_REWARDS_REPARTITION = "arm-rewards";

    /**
     * The built topology with the in-memory state it shares with the runtime.
     *
     * @param activeWeights the model decide tasks use now (for status endpoints)
     * @param armBoard every arm's statistics as this instance last read them
     */
    public record Built(Topology topology, ActiveWeights activeWeights, ArmBoard armBoard) {
    }

    private KrouteTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param shipped the weight file to decide with until a valid one arrives on {@code weights}
     * @param counters where the topology counts what it does
     */
    public static Built build(KrouteConfig config, SchemaRegistry registry, WeightFile shipped,
            KrouteCounters counters) {
        KrouteTopics topics = new KrouteTopics(registry);
        PolicyCatalog.Spec policy = PolicyCatalog.create(config.policy(), config.halfLife().toMillis());
        BanditConfig bandit = policy.config();
        ActiveWeights activeWeights = new ActiveWeights(ActiveModel.of(shipped, "shipped"));
        // A rule for a class the model does not know is refused at start-up, not silently never applied.
        config.catalog().checkClasses(shipped.classifier().classes());
        Eligibility eligibility = new Eligibility(config.catalog());
        TokenEstimator tokenEstimator = new TokenEstimator(config.catalog().families());
        ArmBoard armBoard = new ArmBoard();
        AvroCodec<PromptEvent> promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
        AvroCodec<RewardEvent> rewardCodec = AvroCodec.forValues(RewardEvent.class, registry);
        AvroCodec<ArmState> armStateCodec = AvroCodec.forValues(ArmState.class, registry);

        StreamsBuilder builder = new StreamsBuilder();
        // Inputs whose time feeds stream time (windows) and discounting: bounded against fast producer clocks.
        BoundedTimestampExtractor eventTime = new BoundedTimestampExtractor();

        // Global stores: every instance reads all of arm-state and weights, whatever partitions it owns.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KrouteStores.ARM_STATE), Serdes.String(),
                        topics.armState().valueSerde()).withLoggingDisabled(),
                KrouteTopics.ARM_STATE,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("arm-state-source"),
                () -> new ArmStateUpdater(KrouteStores.ARM_STATE, KrouteTopics.ARM_STATE, armStateCodec, armBoard));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KrouteStores.WEIGHTS), Serdes.String(),
                        Serdes.String()).withLoggingDisabled(),
                KrouteTopics.WEIGHTS,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("weights-source"),
                () -> new WeightsUpdater(KrouteStores.WEIGHTS, config.modelName(), activeWeights, counters));

        // Decide.
        String tenantStore = config.anomalyEnabled() && config.tenantBaselines() ? KrouteStores.TENANT_BASELINES : null;
        if (tenantStore != null) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(tenantStore),
                    Serdes.String(), AdaptiveBaselineSerde.serde()));
        }
        // Reward windows: the decide processor opens one per decision, the reward join reads and closes them. Both
        // processors use these stores, so prompts and rewards (both keyed by prompt id) are read by one task per
        // partition, and a decision's window is written in the same transaction as the decision: no second read
        // of every decision from `decisions`, no second decode.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KrouteStores.PENDING_DECISIONS), Serdes.String(),
                PendingDecision.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KrouteStores.DECISION_DEADLINES), Serdes.Bytes(),
                Serdes.ByteArray()));
        long windowMs = config.rewardWindow().toMillis();
        String[] decideStores = tenantStore == null
                ? new String[] {KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES}
                : new String[] {KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES, tenantStore};
        KStream<String, Routed> routed = builder
                .stream(KrouteTopics.PROMPTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("prompts-source").withTimestampExtractor(eventTime))
                .process(() -> new DecideProcessor(new PromptDecoder(config.promptFormat(), promptCodec),
                        activeWeights, new PromptScreen(config.anomalyEnabled(), tenantStore, config.tenantMinPrompts(),
                                config.tenantHalfLife().toMillis()),
                        context -> new ProviderChooser(policy.policy(), bandit, config.providers(),
                                config.minClassEvidence(), armBoard,
                                new SplittableRandom(config.seed() ^ context.taskId().hashCode())),
                        counters, new PendingWindows(KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES,
                                windowMs), new ProviderRules(eligibility, tokenEstimator)), Named.as("decide"),
                        decideStores);
        Map<String, KStream<String, Routed>> outcomes = routed.split(Named.as("routed-"))
                .branch((id, out) -> out instanceof Routed.Decided, Branched.as("decided"))
                .branch((id, out) -> out instanceof Routed.Quarantined, Branched.as("quarantined"))
                .defaultBranch(Branched.as("dead-lettered"));
        outcomes.get("routed-decided")
                .mapValues(out -> ((Routed.Decided) out).decision(), Named.as("decision-value"))
                .to(KrouteTopics.DECISIONS, Produced.with(Serdes.String(), topics.decisions().valueSerde())
                        .withName("decisions-sink"));
        outcomes.get("routed-quarantined")
                .mapValues(out -> ((Routed.Quarantined) out).record(), Named.as("quarantine-value"))
                .to(KrouteTopics.QUARANTINE, Produced.with(Serdes.String(), topics.quarantine().valueSerde())
                        .withName("quarantine-sink"));
        outcomes.get("routed-dead-lettered")
                .map((id, out) -> {
                    DeadLetter letter = ((Routed.DeadLettered) out).letter();
                    return KeyValue.pair(letter.key(), letter.value());
                }, Named.as("prompt-dead-letter"))
                .to(KrouteTopics.DEAD_LETTERS, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("prompt-dead-letters-sink"));

        // Learn: a reward meets its decision's window in the task of its prompt.
        RewardFunction rewardFunction = new RewardFunction(config.rewardWeights());
        KStream<String, Learned> learned = builder.stream(KrouteTopics.REWARDS,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rewards-source")
                                .withTimestampExtractor(eventTime))
                .process(() -> new RewardJoinProcessor(new PendingWindows(KrouteStores.PENDING_DECISIONS,
                        KrouteStores.DECISION_DEADLINES, windowMs), rewardCodec, rewardFunction, config, counters),
                        Named.as("join-rewards"), KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES);
        Map<String, KStream<String, Learned>> learnedOutcomes = learned.split(Named.as("learned-"))
                .branch((key, out) -> out instanceof Learned.Reward, Branched.as("reward"))
                .defaultBranch(Branched.as("dead-lettered"));
        learnedOutcomes.get("learned-dead-lettered")
                .map((key, out) -> {
                    DeadLetter letter = ((Learned.DeadLettered) out).letter();
                    return KeyValue.pair(letter.key(), letter.value());
                }, Named.as("reward-dead-letter"))
                .to(KrouteTopics.DEAD_LETTERS, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("reward-dead-letters-sink"));

        // Each arm is aggregated by exactly one task: rewards move to it through a named internal topic.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KrouteStores.ARM_STATISTICS), Serdes.String(),
                topics.armState().valueSerde()));
        learnedOutcomes.get("learned-reward")
                .mapValues(out -> ((Learned.Reward) out).reward(), Named.as("arm-reward-value"))
                .repartition(Repartitioned.with(Serdes.String(), ArmReward.serde()).withName(ARM_REWARDS_REPARTITION))
                .process(() -> new ArmAggregationProcessor(KrouteStores.ARM_STATISTICS, bandit.forgetting(),
                        config.armStatePublishInterval()), Named.as("aggregate-arms"), KrouteStores.ARM_STATISTICS)
                .to(KrouteTopics.ARM_STATE, Produced.with(Serdes.String(), topics.armState().valueSerde())
                        .withName("arm-state-sink"));

        return new Built(builder.build(), activeWeights, armBoard);
    }
}
