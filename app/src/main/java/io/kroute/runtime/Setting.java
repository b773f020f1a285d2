package io.kroute.runtime;

import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.topology.KrouteConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * kroute's own settings. Each has a property name (config file), an environment variable and a command-line
 * flag; every other property in the config file or a {@code KROUTE_*} variable is handed to Kafka unchanged.
 */
public enum Setting {
    DATA_DIR("kroute.data.dir", "--data-dir", ".kroute",
            "Folder for the embedded broker's log and Kafka Streams state; reused across runs."),
    BROKER_PORT("kroute.broker.port", "--broker-port", "0",
            "Port of the embedded broker on 127.0.0.1; 0 picks a free one. Ignored with bootstrap.servers."),
    HTTP_HOST("kroute.http.host", "--http-host", "127.0.0.1",
            "Address the HTTP endpoint (/health, /metrics, /arms, /weights) binds to."),
    HTTP_PORT("kroute.http.port", "--http-port", "8080", "Port of the HTTP endpoint; 0 picks a free one."),
    SCHEMA_REGISTRY_URL("kroute.schema.registry.url", "--schema-registry-url", "",
            "Confluent-compatible schema registry. Empty: kroute serves its in-memory registry over HTTP."),
    REGISTRY_PORT("kroute.registry.port", "--registry-port", "8081",
            "Port on 127.0.0.1 for the in-memory registry when no external one is set; 0 picks a free one."),
    CREATE_TOPICS("kroute.topics.create", "--no-create-topics", "true",
            "Create missing topics at start-up (existing topics are never altered); the flag sets false."),
    PARTITIONS("kroute.topics.partitions", "--partitions", "3",
            "Partitions of each topic kroute creates (the weights topic always has 1)."),
    REPLICATION_FACTOR("kroute.topics.replication.factor", "--replication-factor", "-1",
            "Replicas of each topic kroute creates; -1 uses the cluster's default (1 on the embedded broker)."),
    WEIGHTS_MAX_MESSAGE_BYTES("kroute.topics.weights.max.message.bytes", "--weights-max-message-bytes",
            Integer.toString(TopicLayout.DEFAULT_WEIGHTS_MAX_MESSAGE_BYTES),
            "max.message.bytes of the weights topic when kroute creates it: the largest weight file accepted."),
    PROMPT_FORMAT("kroute.prompts.format", "--prompt-format", "avro",
            "Encoding of values on the prompts topic: avro (Confluent wire format) or json (one JSON object)."),
    PROVIDERS("kroute.providers", "--providers", String.join(",", Defaults.TOPOLOGY.providers()),
            "The LLM providers the bandits choose from, comma-separated."),
    POLICY("kroute.policy", "--policy", Defaults.TOPOLOGY.policy(),
            "Bandit policy: one of " + String.join(", ", PolicyCatalog.NAMES) + "."),
    MODEL_NAME("kroute.model.name", "--model-name", Defaults.TOPOLOGY.modelName(),
            "The model (key on the weights topic) this application follows."),
    HALF_LIFE("kroute.half.life", "--half-life", "1h",
            "Half-life of the discounting of arm statistics, in event time (e.g. 30m, 1h, PT2H); with `thompson`, of an "
                    + "arm's recent statistics, used once they disagree with its history."),
    REWARD_WINDOW("kroute.reward.window", "--reward-window", "10m",
            "How long after a decision its reward may arrive."),
    DEFAULT_REWARD("kroute.default.reward", "--default-reward", "0",
            "Reward folded in for a decision that got none within the window, in [0, 1]; none to fold nothing."),
    DUPLICATE_REWARDS("kroute.duplicate.rewards", "--duplicate-rewards", "first",
            "A second reward for one decision: first (counted once, later ones ignored and counted) or sum."),
    REWARD_WEIGHT_SUCCESS("kroute.reward.weight.success", "--reward-weight-success",
            Double.toString(Defaults.TOPOLOGY.rewardWeights().success()),
            "Weight of a successful call in the reward (a failed call earns 0)."),
    REWARD_WEIGHT_QUALITY("kroute.reward.weight.quality", "--reward-weight-quality",
            Double.toString(Defaults.TOPOLOGY.rewardWeights().quality()),
            "Weight of the quality score in [0, 1] (left out when a reward carries none)."),
    REWARD_WEIGHT_LATENCY("kroute.reward.weight.latency", "--reward-weight-latency",
            Double.toString(Defaults.TOPOLOGY.rewardWeights().latency()),
            "Weight of the latency term s / (s + latency ms), s = kroute.reward.latency.scale.ms."),
    REWARD_WEIGHT_COST("kroute.reward.weight.cost", "--reward-weight-cost",
            Double.toString(Defaults.TOPOLOGY.rewardWeights().cost()),
            "Weight of the cost term s / (s + cost), s = kroute.reward.cost.scale."),
    REWARD_LATENCY_SCALE_MS("kroute.reward.latency.scale.ms", "--reward-latency-scale-ms",
            Double.toString(Defaults.TOPOLOGY.rewardWeights().latencyScaleMs()),
            "Latency in milliseconds that earns half of the latency term."),
    REWARD_COST_SCALE("kroute.reward.cost.scale", "--reward-cost-scale",
            Double.toString(Defaults.TOPOLOGY.rewardWeights().costScale()),
            "Cost per call that earns half of the cost term."),
    MIN_CLASS_EVIDENCE("kroute.min.class.evidence", "--min-class-evidence",
            Double.toString(Defaults.TOPOLOGY.minClassEvidence()),
            "Rewards a class needs before its own arm statistics replace the global ones."),
    ANOMALY_ENABLED("kroute.anomaly.enabled", "--anomaly-enabled", "true",
            "Screen prompts with the anomaly filter (false: every valid prompt is routed)."),
    TENANT_BASELINES("kroute.tenant.baselines", "--tenant-baselines", "false",
            "Score each tenant's prompts against its own adaptive baseline once it is warm."),
    TENANT_MIN_PROMPTS("kroute.tenant.min.prompts", "--tenant-min-prompts",
            Long.toString(Defaults.TOPOLOGY.tenantMinPrompts()),
            "Normal prompts a tenant's baseline needs (its warm-up) before it replaces the shipped one."),
    TENANT_HALF_LIFE("kroute.tenant.half.life", "--tenant-half-life", "1d",
            "Half-life of a tenant baseline's memory, in event time."),
    ARM_STATE_PUBLISH_INTERVAL("kroute.arm.state.publish.interval", "--arm-state-publish-interval", "1s",
            "How often changed arm statistics are written to arm-state; 0s writes every change at once."),
    SEED("kroute.seed", "--seed", Long.toString(Defaults.TOPOLOGY.seed()),
            "Seed of the bandits' random draws, for repeatable runs.");

    /** The topology's own defaults, so the two never drift apart. */
    private static final class Defaults {
        static final KrouteConfig TOPOLOGY = KrouteConfig.builder().build();
    }

    public static final String ENV_PREFIX = "KROUTE_";

    private final String property;
    private final String flag;
    private final String defaultValue;
    private final String description;

    Setting(String property, String flag, String defaultValue, String description) {
        this.property = property;
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String property() {
        return property;
    }

    public String flag() {
        return flag;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** {@code kroute.http.port} is set by {@code KROUTE_HTTP_PORT}. */
    public String environmentVariable() {
        return ENV_PREFIX + property.substring("kroute.".length()).replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public static Optional<Setting> byProperty(String property) {
        return Arrays.stream(values()).filter(s -> s.property.equals(property)).findFirst();
    }
}
