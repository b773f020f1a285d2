package io.kroute.topology;

import io.kroute.inference.bandit.Forgetting;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.inference.weights.WeightFile;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.arms.ArmBoard;
import io.kroute.topology.arms.ArmStateUpdater;
import io.kroute.topology.decide.DecideFactory;
import io.kroute.topology.decide.DecideProcessor;
import io.kroute.topology.learn.ArmAggregationProcessor;
import io.kroute.topology.learn.ArmReward;
import io.kroute.topology.learn.RewardJoinProcessor;
import io.kroute.topology.metrics.KrouteCounters;
import io.kroute.topology.pending.OpenWindowProcessor;
import io.kroute.topology.pending.PendingDecision;
import io.kroute.topology.pending.PendingWindows;
import io.kroute.topology.pending.PromptHome;
import io.kroute.topology.pending.RewardHomeRouter;
import io.kroute.topology.weights.ActiveModel;
import io.kroute.topology.weights.ActiveWeights;
import io.kroute.topology.weights.WeightsUpdater;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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

    /** Name of the repartition that opens reward windows at their prompt id's home (see {@link PromptHome}). */
    public static final String WINDOWS_HOME = "windows-home";
    /** Name of the repartition that brings rewards to their prompt id's home. */
    public static final String REWARDS_HOME = "rewards-home";

    private final KrouteConfig config;
    private final SchemaRegistry registry;
    private final KrouteCounters counters;
    private final KrouteTopics topics;
    private final PolicyCatalog.Spec policy;
    private final StreamsBuilder builder = new StreamsBuilder();
    // Inputs whose time feeds stream time (windows) and discounting: bounded against fast producer clocks.
    private final BoundedTimestampExtractor eventTime = new BoundedTimestampExtractor();

    private KrouteTopology(KrouteConfig config, SchemaRegistry registry, KrouteCounters counters) {
        this.config = config;
        this.registry = registry;
        this.counters = counters;
        this.topics = new KrouteTopics(registry, config.decisionFormat());
        this.policy = PolicyCatalog.create(config.policy(), config.halfLife().toMillis());
    }

    /**
     * Builds the topology.
     *
     * @param shipped the weight file to decide with until a valid one arrives on {@code weights}
     * @param counters where the topology counts what it does
     */
    public static Built build(KrouteConfig config, SchemaRegistry registry, WeightFile shipped,
            KrouteCounters counters) {
        // A routing rule for a class the model does not know is refused at start-up, not silently never applied.
        config.catalog().checkClasses(shipped.classifier().classes());
        KrouteTopology topology = new KrouteTopology(config, registry, counters);
        ArmBoard armBoard = topology.armStateStore();
        ActiveWeights activeWeights = topology.weightsPath(shipped);
        topology.decidePath(activeWeights, armBoard);
        topology.learnPath();
        return new Built(topology.builder.build(), activeWeights, armBoard);
    }

    /**
     * The learn path's last hop: arm statistics from {@code arm-state} into a global store and the board every
     * decide task reads. Every instance reads all of them, whatever partitions it owns.
     */
    private ArmBoard armStateStore() {
        ArmBoard armBoard = new ArmBoard();
        AvroCodec<ArmState> codec = AvroCodec.forValues(ArmState.class, registry);
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KrouteStores.ARM_STATE), Serdes.String(),
                        topics.armState().valueSerde()).withLoggingDisabled(),
                KrouteTopics.ARM_STATE,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("arm-state-source"),
                () -> new ArmStateUpdater(KrouteStores.ARM_STATE, KrouteTopics.ARM_STATE, codec, armBoard));
        return armBoard;
    }

    /** Weights: {@code weights} → validate → the active model of every decide task (a global store). */
    private ActiveWeights weightsPath(WeightFile shipped) {
        ActiveWeights activeWeights = new ActiveWeights(ActiveModel.of(shipped, "shipped"));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KrouteStores.WEIGHTS), Serdes.String(),
                        Serdes.String()).withLoggingDisabled(),
                KrouteTopics.WEIGHTS,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("weights-source"),
                () -> new WeightsUpdater(KrouteStores.WEIGHTS, config.modelName(), activeWeights, counters));
        return activeWeights;
    }

    /**
     * Decide: {@code prompts} → decode, classify, screen, choose → {@code decisions}, {@code quarantine} or
     * {@code dead-letters}; the processor forwards each outcome to its sink by name. Each decision opens its
     * reward window in the task's stores, which the reward join reads: prompts and rewards (both keyed by prompt
     * id) are read by one task per partition, and a window is written in the same transaction as its decision.
     */
    private void decidePath(ActiveWeights activeWeights, ArmBoard armBoard) {
        DecideFactory decide = new DecideFactory(config, policy, armBoard);
        decide.tenantStore().ifPresent(builder::addStateStore);
        PendingWindows.storeBuilders().forEach(builder::addStateStore);
        AvroCodec<PromptEvent> promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
        long windowMs = config.rewardWindow().toMillis();
        KStream<Object, Object> routed = builder
                .stream(KrouteTopics.PROMPTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("prompts-source").withTimestampExtractor(eventTime))
                .process(() -> decide.processor(promptCodec, activeWeights, counters, PendingWindows.of(windowMs)),
                        Named.as("decide"), decide.storeNames());
        sink(routed, DecideProcessor.DECISIONS, topics.decisions());
        sink(routed, DecideProcessor.QUARANTINE, topics.quarantine());
        deadLetterSink(routed, DecideProcessor.DEAD_LETTERS);
        // A window decided away from its prompt id's home (the prompt's producer hashed its key another way, or
        // keyed it by something else) is opened at home, where the id's rewards are joined.
        KStream<String, PendingDecision> windowsElsewhere = typed(routed);
        windowsElsewhere.filter((promptId, window) -> true, Named.as(DecideProcessor.WINDOWS_ELSEWHERE))
                .repartition(Repartitioned.with(Serdes.String(), PendingDecision.serde()).withName(WINDOWS_HOME))
                .process(() -> new OpenWindowProcessor(PendingWindows.of(windowMs)), Named.as("open-windows"),
                        KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES);
    }

    /**
     * Learn: {@code rewards} → join per prompt with its decision's window → a reward for the decision's arm and
     * the provider's global arm → repartition by arm, so each arm is aggregated by exactly one task → discounted
     * aggregate → {@code arm-state}.
     */
    private void learnPath() {
        AvroCodec<RewardEvent> rewardCodec = AvroCodec.forValues(RewardEvent.class, registry);
        RewardFunction rewardFunction = new RewardFunction(config.rewardWeights());
        long windowMs = config.rewardWindow().toMillis();
        // Each reward is joined in the home task of its prompt id, whatever partition its producer chose.
        KStream<byte[], byte[]> routedRewards = builder
                .stream(KrouteTopics.REWARDS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("rewards-source").withTimestampExtractor(eventTime))
                .process(RewardHomeRouter::new, Named.as("route-rewards-home"));
        KStream<byte[], byte[]> arrivedHome = routedRewards
                .filter((promptId, reward) -> true, Named.as(RewardHomeRouter.ELSEWHERE))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(REWARDS_HOME));
        KStream<Object, Object> joined = routedRewards
                .filter((promptId, reward) -> true, Named.as(RewardHomeRouter.HERE))
                .merge(arrivedHome, Named.as("rewards-at-home"))
                .process(() -> new RewardJoinProcessor(PendingWindows.of(windowMs), rewardCodec, rewardFunction,
                        config, counters), Named.as("join-rewards"), KrouteStores.PENDING_DECISIONS,
                        KrouteStores.DECISION_DEADLINES);
        deadLetterSink(joined, RewardJoinProcessor.DEAD_LETTERS);

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KrouteStores.ARM_STATISTICS), Serdes.String(),
                topics.armState().valueSerde()));
        Forgetting forgetting = policy.config().forgetting();
        KStream<String, ArmReward> rewards = typed(joined);
        rewards.selectKey((promptId, reward) -> reward.armKey(), Named.as(RewardJoinProcessor.ARM_REWARDS))
                .repartition(Repartitioned.with(Serdes.String(), ArmReward.serde()).withName(ARM_REWARDS_REPARTITION))
                .process(() -> new ArmAggregationProcessor(KrouteStores.ARM_STATISTICS, forgetting,
                        config.armStatePublishInterval()), Named.as("aggregate-arms"), KrouteStores.ARM_STATISTICS)
                .to(KrouteTopics.ARM_STATE, Produced.with(Serdes.String(), topics.armState().valueSerde())
                        .withName("arm-state-sink"));
    }

    /** The sink of a processor's dead letters: the bytes as received, with the headers that say why. */
    private void deadLetterSink(KStream<Object, Object> from, String name) {
        sink(from, name, topics.deadLetters());
    }

    /** A sink named {@code name} under a processor that forwards records of {@code topic}'s types to it by name. */
    private static <K, V> void sink(KStream<Object, Object> from, String name, Topic<K, V> topic) {
        KStream<K, V> records = typed(from);
        records.to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }

    /**
     * The stream of a processor with several outputs, as the types of one of them. Sound only for the child nodes
     * the processor forwards that output to by name, which is all this class attaches.
     */
    @SuppressWarnings("unchecked")
    private static <K, V> KStream<K, V> typed(KStream<Object, Object> stream) {
        return (KStream<K, V>) (KStream<?, ?>) stream;
    }
}
