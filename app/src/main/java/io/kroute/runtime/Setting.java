package io.kroute.runtime;

import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.RewardFunction.Weights;
import io.kroute.topology.KrouteConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * kroute's settings, each declared once below: its property (config file), flag, type (parsing and validation),
 * default and description; its environment variable follows from the property. The command-line options
 * ({@code RuntimeOptions}), the resolved configuration ({@link RuntimeConfig}) and the table in
 * {@code docs/configuration.md} ({@link SettingsTable}) all come from these declarations. A topology setting
 * also names its {@link KrouteConfig} component: its default is the topology's own and its value reaches the
 * topology through {@link KrouteConfig.Builder}.
 *
 * <p>Properties outside {@code kroute.} ({@code bootstrap.servers}, {@code application.id}) are Kafka's: they are
 * declared here for their flag and documentation and, when set, pass to Kafka's clients like any other.
 *
 * <p>Adding a setting: declare it below; for one the topology reads, add the component to {@link KrouteConfig}
 * (with its default in the builder) and name its accessor and setter with {@code topology(...)}. Then rewrite
 * the table with {@code ./kroute settings-table --write docs/configuration.md}.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    public static final String ENV_PREFIX = "KROUTE_";
    static final String OWN_PREFIX = "kroute.";

    // Initialised before the declarations, which use them.
    private static final KrouteConfig TOPOLOGY_DEFAULTS = KrouteConfig.builder().build();
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    public static final Setting<Optional<String>> BOOTSTRAP_SERVERS =
            declare("bootstrap.servers", "--bootstrap-servers", SettingType.optionalText("HOST:PORT,..."))
                    .defaultValue("")
                    .describe("The Kafka cluster to join; without it kroute starts its embedded broker.");
    public static final Setting<String> APPLICATION_ID =
            declare("application.id", "--application-id", SettingType.text("ID"))
                    .topology(KrouteConfig::applicationId, KrouteConfig.Builder::applicationId)
                    .describe("Kafka Streams application id: instances with the same id share the work.");
    public static final Setting<Path> DATA_DIR =
            declare("kroute.data.dir", "--data-dir", SettingType.folder())
                    .defaultValue(".kroute")
                    .describe("Folder for the embedded broker's log and Kafka Streams state; reused across runs.");
    public static final Setting<Integer> BROKER_PORT =
            declare("kroute.broker.port", "--broker-port", SettingType.port())
                    .defaultValue("0")
                    .describe("Port of the embedded broker on 127.0.0.1; 0 picks a free one. Ignored with "
                            + "bootstrap.servers.");
    public static final Setting<String> HTTP_HOST =
            declare("kroute.http.host", "--http-host", SettingType.text("HOST"))
                    .defaultValue("127.0.0.1")
                    .describe("Address the HTTP endpoint (/health, /metrics, /arms, /weights) binds to.");
    public static final Setting<Integer> HTTP_PORT =
            declare("kroute.http.port", "--http-port", SettingType.port())
                    .defaultValue("8080")
                    .describe("Port of the HTTP endpoint; 0 picks a free one.");
    public static final Setting<Optional<String>> SCHEMA_REGISTRY_URL =
            declare("kroute.schema.registry.url", "--schema-registry-url", SettingType.optionalText("URL"))
                    .defaultValue("")
                    .describe("Confluent-compatible schema registry. Empty: kroute serves its in-memory registry "
                            + "over HTTP.");
    public static final Setting<Integer> REGISTRY_PORT =
            declare("kroute.registry.port", "--registry-port", SettingType.port())
                    .defaultValue("8081")
                    .describe("Port on 127.0.0.1 for the in-memory registry when no external one is set; 0 picks a "
                            + "free one.");
    public static final Setting<Boolean> QUIET =
            declare("kroute.quiet", "--quiet", SettingType.bool())
                    .flagSets("true")
                    .defaultValue("false")
                    .describe("No status line: kroute run prints prompts/s, decided, quarantined, dead letters, lag "
                            + "and the active model every 10 s unless quiet.");
    public static final Setting<Boolean> CREATE_TOPICS =
            declare("kroute.topics.create", "--no-create-topics", SettingType.bool())
                    .flagSets("false")
                    .defaultValue("true")
                    .describe("Create missing topics at start-up (existing topics are never altered); the flag sets "
                            + "false.");
    public static final Setting<Integer> PARTITIONS =
            declare("kroute.topics.partitions", "--partitions", SettingType.integer(1, 100_000))
                    .defaultValue("3")
                    .describe("Partitions of each topic kroute creates (the weights topic always has 1).");
    public static final Setting<Integer> REPLICATION_FACTOR =
            declare("kroute.topics.replication.factor", "--replication-factor",
                    SettingType.integer(-1, Short.MAX_VALUE).where(replicas -> replicas != 0,
                            "-1 (the cluster's default) or a whole number from 1 to " + Short.MAX_VALUE))
                    .defaultValue("-1")
                    .describe("Replicas of each topic kroute creates; -1 uses the cluster's default (1 on the "
                            + "embedded broker).");
    public static final Setting<Integer> WEIGHTS_MAX_MESSAGE_BYTES =
            declare("kroute.topics.weights.max.message.bytes", "--weights-max-message-bytes",
                    SettingType.integer(1024, Integer.MAX_VALUE).label("BYTES"))
                    .defaultValue(Integer.toString(TopicLayout.DEFAULT_WEIGHTS_MAX_MESSAGE_BYTES))
                    .describe("max.message.bytes of the weights topic when kroute creates it: the largest weight "
                            + "file accepted.");
    public static final Setting<KrouteConfig.PromptFormat> PROMPT_FORMAT =
            declare("kroute.prompts.format", "--prompt-format", SettingType.constant(KrouteConfig.PromptFormat.class))
                    .topology(KrouteConfig::promptFormat, KrouteConfig.Builder::promptFormat)
                    .describe("Encoding of values on the prompts topic: avro (Confluent wire format) or json (one "
                            + "JSON object).");
    public static final Setting<KrouteConfig.DecisionFormat> DECISION_FORMAT =
            declare("kroute.decisions.format", "--decision-format",
                    SettingType.constant(KrouteConfig.DecisionFormat.class))
                    .topology(KrouteConfig::decisionFormat, KrouteConfig.Builder::decisionFormat)
                    .describe("Encoding of what kroute writes to decisions and quarantine: avro (Confluent wire "
                            + "format) or json (one JSON object, fields as in docs/schemas.md).");
    public static final Setting<List<String>> PROVIDERS =
            declare("kroute.providers", "--providers", SettingType.names("P1,P2,..."))
                    .topology(KrouteConfig::providers, KrouteConfig.Builder::providers)
                    .describe("The LLM providers the bandits choose from, comma-separated: a shortcut for a catalog of "
                            + "names alone (no windows, prices, tags or rules).");
    public static final Setting<Optional<String>> PROVIDERS_FILE =
            declare("kroute.providers.file", "--providers-file", SettingType.optionalText("FILE"))
                    .defaultValue("")
                    .describe("Provider catalog (YAML for .yaml/.yml, else JSON): per provider its model, context "
                            + "window, prices, tags and tokenizer, and the eligibility rules (docs/routing.md). "
                            + "Replaces kroute.providers, which must then be left unset.");
    public static final Setting<OptionalLong> OUTPUT_RESERVE_TOKENS =
            declare("kroute.output.reserve.tokens", "--output-reserve-tokens",
                    SettingType.wholeNumberOrNone("TOKENS"))
                    .topology(KrouteConfig::outputReserveTokens, KrouteConfig.Builder::outputReserveTokens)
                    .describe("Tokens kept free in every context window for the answer, and priced as output by the "
                            + "cost rule; none: the catalog's outputReserveTokens.");
    public static final Setting<OptionalDouble> MAX_COST_USD =
            declare("kroute.max.cost.usd", "--max-cost-usd", SettingType.positiveNumberOrNone("USD"))
                    .topology(KrouteConfig::maxCostUsd, KrouteConfig.Builder::maxCostUsd)
                    .describe("The most one prompt may cost (estimated input plus reserved output) on the provider "
                            + "that serves it; none: the catalog's maxCostUsd. Tenant limits in the catalog stay.");
    public static final Setting<String> POLICY =
            declare("kroute.policy", "--policy", SettingType.oneOf(PolicyCatalog.NAMES))
                    .topology(KrouteConfig::policy, KrouteConfig.Builder::policy)
                    .describe("Bandit policy: one of " + String.join(", ", PolicyCatalog.NAMES) + ".");
    public static final Setting<String> MODEL_NAME =
            declare("kroute.model.name", "--model-name", SettingType.text("NAME"))
                    .topology(KrouteConfig::modelName, KrouteConfig.Builder::modelName)
                    .describe("The model (key on the weights topic) this application follows.");
    public static final Setting<Duration> HALF_LIFE =
            declare("kroute.half.life", "--half-life", SettingType.positiveDuration())
                    .topology(KrouteConfig::halfLife, KrouteConfig.Builder::halfLife)
                    .describe("Half-life of the discounting of arm statistics, in event time (e.g. 30m, 1h, PT2H); "
                            + "with `thompson-detect`, three times it is the half-life of an arm's evidence since its "
                            + "last detected change, and its forced exploration decays with it; with `thompson`, of "
                            + "an arm's recent statistics, used once they disagree with its history.");
    public static final Setting<Duration> REWARD_WINDOW =
            declare("kroute.reward.window", "--reward-window", SettingType.positiveDuration())
                    .topology(KrouteConfig::rewardWindow, KrouteConfig.Builder::rewardWindow)
                    .describe("How long after a decision its reward may arrive.");
    public static final Setting<OptionalDouble> DEFAULT_REWARD =
            declare("kroute.default.reward", "--default-reward", SettingType.fractionOrNone())
                    .topology(KrouteConfig::defaultReward, KrouteConfig.Builder::defaultReward)
                    .describe("Reward folded in for a decision that got none within the window, in [0, 1]; none to "
                            + "fold nothing.");
    public static final Setting<KrouteConfig.DuplicateRewards> DUPLICATE_REWARDS = declare("kroute.duplicate.rewards",
            "--duplicate-rewards", SettingType.constant(KrouteConfig.DuplicateRewards.class))
            .topology(KrouteConfig::duplicateRewards, KrouteConfig.Builder::duplicateRewards)
            .describe("A second reward for one decision: first (counted once, later ones ignored and counted) or sum.");
    public static final Setting<Double> REWARD_WEIGHT_SUCCESS =
            rewardTerm("kroute.reward.weight.success", "--reward-weight-success", "W", Weights::success,
                    (w, v) -> new Weights(v, w.quality(), w.latency(), w.cost(), w.latencyScaleMs(), w.costScale()))
                    .describe("Weight of a successful call in the reward (a failed call earns 0).");
    public static final Setting<Double> REWARD_WEIGHT_QUALITY =
            rewardTerm("kroute.reward.weight.quality", "--reward-weight-quality", "W", Weights::quality,
                    (w, v) -> new Weights(w.success(), v, w.latency(), w.cost(), w.latencyScaleMs(), w.costScale()))
                    .describe("Weight of the quality score in [0, 1] (left out when a reward carries none).");
    public static final Setting<Double> REWARD_WEIGHT_LATENCY =
            rewardTerm("kroute.reward.weight.latency", "--reward-weight-latency", "W", Weights::latency,
                    (w, v) -> new Weights(w.success(), w.quality(), v, w.cost(), w.latencyScaleMs(), w.costScale()))
                    .describe("Weight of the latency term s / (s + latency ms), s = kroute.reward.latency.scale.ms.");
    public static final Setting<Double> REWARD_WEIGHT_COST =
            rewardTerm("kroute.reward.weight.cost", "--reward-weight-cost", "W", Weights::cost,
                    (w, v) -> new Weights(w.success(), w.quality(), w.latency(), v, w.latencyScaleMs(), w.costScale()))
                    .describe("Weight of the cost term s / (s + cost), s = kroute.reward.cost.scale.");
    public static final Setting<Double> REWARD_LATENCY_SCALE_MS =
            rewardTerm("kroute.reward.latency.scale.ms", "--reward-latency-scale-ms", "MS", Weights::latencyScaleMs,
                    (w, v) -> new Weights(w.success(), w.quality(), w.latency(), w.cost(), v, w.costScale()))
                    .describe("Latency in milliseconds that earns half of the latency term.");
    public static final Setting<Double> REWARD_COST_SCALE =
            rewardTerm("kroute.reward.cost.scale", "--reward-cost-scale", "COST", Weights::costScale,
                    (w, v) -> new Weights(w.success(), w.quality(), w.latency(), w.cost(), w.latencyScaleMs(), v))
                    .describe("Cost per call that earns half of the cost term.");
    public static final Setting<Double> MIN_CLASS_EVIDENCE =
            declare("kroute.min.class.evidence", "--min-class-evidence", SettingType.number())
                    .topology(KrouteConfig::minClassEvidence, KrouteConfig.Builder::minClassEvidence)
                    .describe("Rewards a class needs before its own arm statistics replace the global ones.");
    public static final Setting<Boolean> ANOMALY_ENABLED =
            declare("kroute.anomaly.enabled", "--anomaly-enabled", SettingType.bool())
                    .topology(KrouteConfig::anomalyEnabled, KrouteConfig.Builder::anomalyEnabled)
                    .describe("Screen prompts with the anomaly filter (false: every valid prompt is routed).");
    public static final Setting<Long> MAX_PROMPT_CHARS =
            declare("kroute.max.prompt.chars", "--max-prompt-chars", SettingType.wholeNumber())
                    .topology(KrouteConfig::maxPromptChars, KrouteConfig.Builder::maxPromptChars)
                    .describe("Longest prompt (characters) that is classified and screened; a longer one is "
                            + "quarantined as oversize. The default is above what the prompts topic accepts.");
    public static final Setting<Boolean> TENANT_BASELINES =
            declare("kroute.tenant.baselines", "--tenant-baselines", SettingType.bool())
                    .topology(KrouteConfig::tenantBaselines, KrouteConfig.Builder::tenantBaselines)
                    .describe("Score each tenant's prompts against its own adaptive baseline once it is warm.");
    public static final Setting<Long> TENANT_MIN_PROMPTS =
            declare("kroute.tenant.min.prompts", "--tenant-min-prompts", SettingType.wholeNumber())
                    .topology(KrouteConfig::tenantMinPrompts, KrouteConfig.Builder::tenantMinPrompts)
                    .describe("Normal prompts a tenant's baseline needs (its warm-up) before it replaces the shipped "
                            + "one.");
    public static final Setting<Duration> TENANT_HALF_LIFE =
            declare("kroute.tenant.half.life", "--tenant-half-life", SettingType.positiveDuration())
                    .topology(KrouteConfig::tenantHalfLife, KrouteConfig.Builder::tenantHalfLife)
                    .describe("Half-life of a tenant baseline's memory, in event time.");
    public static final Setting<Duration> ARM_STATE_PUBLISH_INTERVAL = declare("kroute.arm.state.publish.interval",
            "--arm-state-publish-interval", SettingType.duration())
            .topology(KrouteConfig::armStatePublishInterval, KrouteConfig.Builder::armStatePublishInterval)
            .describe("How often changed arm statistics are written to arm-state; 0s writes every change at once.");
    public static final Setting<Long> SEED = declare("kroute.seed", "--seed", SettingType.wholeNumber())
            .topology(KrouteConfig::seed, KrouteConfig.Builder::seed)
            .describe("Seed of the bandits' random draws, for repeatable runs.");

    private final String property;
    private final String flag;
    private final String flagValue;
    private final SettingType<T> type;
    private final String defaultValue;
    private final String description;
    private final BiConsumer<KrouteConfig.Builder, T> topology;

    private Setting(Draft<T> draft, String description) {
        this.property = draft.property;
        this.flag = draft.flag;
        this.flagValue = draft.flagValue;
        this.type = draft.type;
        this.defaultValue = Objects.requireNonNull(draft.defaultValue, () -> property + " declares no default");
        this.description = description;
        this.topology = draft.topology;
    }

    /** Every setting, in the order of the documentation's table. */
    public static List<Setting<?>> values() {
        return Collections.unmodifiableList(DECLARED);
    }

    public static Optional<Setting<?>> byProperty(String property) {
        return DECLARED.stream().filter(setting -> setting.property.equals(property)).findFirst();
    }

    /** The key in the config file, e.g. {@code kroute.http.port}. */
    public String property() {
        return property;
    }

    /**
     * {@code kroute.http.port} is set by {@code KROUTE_HTTP_PORT}, Kafka's {@code application.id} by
     * {@code KROUTE_APPLICATION_ID}.
     */
    public String environmentVariable() {
        String name = isKafkaProperty() ? property : property.substring(OWN_PREFIX.length());
        return ENV_PREFIX + name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public String flag() {
        return flag;
    }

    /** For a flag that takes no value: the value it sets. */
    public Optional<String> flagValue() {
        return Optional.ofNullable(flagValue);
    }

    public SettingType<T> type() {
        return type;
    }

    /** The default as text; empty for none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** A Kafka client or Streams property, passed to Kafka when set, rather than one of kroute's own. */
    public boolean isKafkaProperty() {
        return !property.startsWith(OWN_PREFIX);
    }

    /** Sets {@code value} on the topology's configuration; does nothing for a setting the topology does not read. */
    void applyTo(KrouteConfig.Builder builder, T value) {
        if (topology != null) {
            topology.accept(builder, value);
        }
    }

    boolean configuresTopology() {
        return topology != null;
    }

    @Override
    public String toString() {
        return property;
    }

    private static <T> Draft<T> declare(String property, String flag, SettingType<T> type) {
        return new Draft<>(property, flag, type);
    }

    /** One term of the reward function: a number that replaces one component of the topology's weights. */
    private static Draft<Double> rewardTerm(String property, String flag, String label, Function<Weights, Double> term,
            RewardTermSetter replace) {
        return declare(property, flag, SettingType.number().label(label))
                .topology(config -> term.apply(config.rewardWeights()),
                        (builder, value) -> builder.rewardWeights(weights -> replace.with(weights, value)));
    }

    private interface RewardTermSetter {
        Weights with(Weights weights, double value);
    }

    /** A declaration being written; {@link #describe} ends it. */
    private static final class Draft<T> {
        final String property;
        final String flag;
        final SettingType<T> type;
        String flagValue;
        String defaultValue;
        BiConsumer<KrouteConfig.Builder, T> topology;

        Draft(String property, String flag, SettingType<T> type) {
            this.property = property;
            this.flag = flag;
            this.type = type;
        }

        Draft<T> defaultValue(String text) {
            defaultValue = text;
            return this;
        }

        /** The flag takes no value and sets {@code value}. */
        Draft<T> flagSets(String value) {
            flagValue = value;
            return this;
        }

        /** A topology setting: its default is the topology's, its value goes to {@code setter}. */
        Draft<T> topology(Function<KrouteConfig, T> getter, BiConsumer<KrouteConfig.Builder, T> setter) {
            defaultValue = type.format(getter.apply(TOPOLOGY_DEFAULTS));
            topology = setter;
            return this;
        }

        Setting<T> describe(String description) {
            Setting<T> setting = new Setting<>(this, description);
            DECLARED.add(setting);
            return setting;
        }
    }
}
