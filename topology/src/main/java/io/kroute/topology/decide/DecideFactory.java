package io.kroute.topology.decide;

import io.kroute.inference.anomaly.AdaptiveBaseline;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.routing.Eligibility;
import io.kroute.inference.routing.TokenEstimator;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteStores;
import io.kroute.topology.arms.ArmBoard;
import io.kroute.topology.metrics.KrouteCounters;
import io.kroute.topology.pending.PendingWindows;
import io.kroute.topology.weights.ActiveWeights;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the decide path's processor and provider chooser from configuration: the topology and the benchmarks
 * build them here, so what is measured is what runs.
 */
public final class DecideFactory {

    private final KrouteConfig config;
    private final PolicyCatalog.Spec policy;
    private final ArmBoard board;
    private final Eligibility eligibility;
    private final TokenEstimator tokens;

    /**
     * @param policy the bandit policy the configuration names, created once for the whole topology
     */
    public DecideFactory(KrouteConfig config, PolicyCatalog.Spec policy, ArmBoard board) {
        this.config = Objects.requireNonNull(config, "config");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.board = Objects.requireNonNull(board, "board");
        // Shared by every task: the compiled rules are immutable, the encodings thread-safe (and slow to load).
        this.eligibility = new Eligibility(config.catalog());
        this.tokens = new TokenEstimator(config.catalog().families());
    }

    /** A factory with the policy the configuration names. */
    public static DecideFactory of(KrouteConfig config, ArmBoard board) {
        return new DecideFactory(config, PolicyCatalog.create(config.policy(), config.halfLife().toMillis()), board);
    }

    /** A chooser over the board's arms whose random draws start from {@code seed}. */
    public ProviderChooser chooser(long seed) {
        return new ProviderChooser(policy.policy(), policy.config(), config.providers(), config.minClassEvidence(),
                board, new SplittableRandom(seed));
    }

    /** The routing rules as one task applies them (each task keeps its own per-prompt token counts). */
    public ProviderRules rules() {
        return new ProviderRules(eligibility, tokens);
    }

    /**
     * The processor as the topology runs it: each decision opens its reward window in {@code windows}, prompts are
     * compared with their tenant's baseline when tenant baselines are on, and each task draws from its own seed.
     * Connect it to {@link #storeNames()}.
     */
    public DecideProcessor processor(AvroCodec<PromptEvent> promptCodec, ActiveWeights weights,
            KrouteCounters counters, PendingWindows windows) {
        return create(promptCodec, weights, counters, tenantStoreName(), Objects.requireNonNull(windows, "windows"));
    }

    /** The processor without state stores: no reward windows, the shipped baselines only (for benchmarks). */
    public DecideProcessor storelessProcessor(AvroCodec<PromptEvent> promptCodec, ActiveWeights weights,
            KrouteCounters counters) {
        return create(promptCodec, weights, counters, null, null);
    }

    /** The tenant-baseline store, when tenant baselines are on. */
    public Optional<StoreBuilder<KeyValueStore<String, AdaptiveBaseline>>> tenantStore() {
        String name = tenantStoreName();
        return name == null ? Optional.empty() : Optional.of(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), AdaptiveBaselineSerde.serde()));
    }

    /** The stores {@link #processor} uses: the reward windows' and, when on, the tenant baselines. */
    public String[] storeNames() {
        String tenants = tenantStoreName();
        return tenants == null
                ? new String[] {KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES}
                : new String[] {KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES, tenants};
    }

    private String tenantStoreName() {
        return config.anomalyEnabled() && config.tenantBaselines() ? KrouteStores.TENANT_BASELINES : null;
    }

    private DecideProcessor create(AvroCodec<PromptEvent> promptCodec, ActiveWeights weights, KrouteCounters counters,
            String tenantStore, PendingWindows windows) {
        PromptScreen screen = new PromptScreen(config.anomalyEnabled(), config.maxPromptChars(), tenantStore,
                config.tenantMinPrompts(), config.tenantHalfLife().toMillis());
        return new DecideProcessor(new PromptDecoder(config.promptFormat(), promptCodec), weights, screen,
                this::taskChooser, counters, windows, rules());
    }

    private ProviderChooser taskChooser(ProcessorContext<?, ?> context) {
        return chooser(config.seed() ^ context.taskId().hashCode());
    }
}
