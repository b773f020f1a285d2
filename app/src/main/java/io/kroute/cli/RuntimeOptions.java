package io.kroute.cli;

import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where kroute's cluster, data and endpoints are: the options shared by {@code run}, {@code demo} and
 * {@code weights publish}. A flag given here beats {@code KROUTE_*} variables, which beat the config file.
 */
public final class RuntimeOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: kroute.* settings and any Kafka client or Streams property.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Join this Kafka cluster instead of starting the embedded broker.")
    String bootstrapServers;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id (default: kroute).")
    String applicationId;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Embedded broker log and Streams state (default: .kroute).")
    String dataDir;

    @Option(names = "--broker-port", paramLabel = "PORT", description = "Embedded broker port; 0 picks a free one (default).")
    Integer brokerPort;

    @Option(names = "--http-host", paramLabel = "HOST", description = "HTTP endpoint address (default: 127.0.0.1).")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP endpoint port; 0 picks a free one (default: 8080).")
    Integer httpPort;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "External schema registry; without it kroute serves its in-memory one over HTTP.")
    String schemaRegistryUrl;

    @Option(names = "--registry-port", paramLabel = "PORT",
            description = "Port of the in-memory registry's HTTP server; 0 picks a free one (default: 8081).")
    Integer registryPort;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of topics kroute creates (default: 3).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replicas of topics kroute creates; -1 uses the cluster's default (default: -1).")
    Integer replicationFactor;

    @Option(names = "--weights-max-message-bytes", paramLabel = "BYTES",
            description = "max.message.bytes of the weights topic when kroute creates it (default: 16 MiB).")
    Integer weightsMaxMessageBytes;

    @Option(names = "--prompt-format", paramLabel = "avro|json",
            description = "Encoding of values on the prompts topic (default: avro).")
    String promptFormat;

    @Option(names = "--providers", paramLabel = "P1,P2,...", description = "LLM providers the bandits choose from.")
    String providers;

    @Option(names = "--policy", paramLabel = "NAME", description = "Bandit policy (default: thompson).")
    String policy;

    @Option(names = "--model-name", paramLabel = "NAME", description = "Model on the weights topic to follow (default: default).")
    String modelName;

    @Option(names = "--half-life", paramLabel = "DURATION", description = "Half-life of arm statistics (default: 1h).")
    String halfLife;

    @Option(names = "--reward-window", paramLabel = "DURATION", description = "How long a decision waits for its reward (default: 10m).")
    String rewardWindow;

    @Option(names = "--default-reward", paramLabel = "R|none", description = "Reward for a decision that got none in time (default: 0).")
    String defaultReward;

    @Option(names = "--anomaly-enabled", paramLabel = "true|false", description = "Screen prompts for anomalies (default: true).")
    String anomalyEnabled;

    @Option(names = "--duplicate-rewards", paramLabel = "first|sum",
            description = "A second reward for one decision: counted once (first, default) or summed (sum).")
    String duplicateRewards;

    @Option(names = "--reward-weight-success", paramLabel = "W", description = "Weight of success in the reward (default: 0.5).")
    String rewardWeightSuccess;

    @Option(names = "--reward-weight-quality", paramLabel = "W", description = "Weight of the quality score (default: 0.2).")
    String rewardWeightQuality;

    @Option(names = "--reward-weight-latency", paramLabel = "W", description = "Weight of the latency term (default: 0.2).")
    String rewardWeightLatency;

    @Option(names = "--reward-weight-cost", paramLabel = "W", description = "Weight of the cost term (default: 0.1).")
    String rewardWeightCost;

    @Option(names = "--reward-latency-scale-ms", paramLabel = "MS",
            description = "Latency that earns half of the latency term (default: 2000).")
    String rewardLatencyScaleMs;

    @Option(names = "--reward-cost-scale", paramLabel = "COST",
            description = "Cost per call that earns half of the cost term (default: 0.01).")
    String rewardCostScale;

    @Option(names = "--min-class-evidence", paramLabel = "N",
            description = "Rewards a class needs before its own arm statistics are used (default: 5).")
    String minClassEvidence;

    @Option(names = "--tenant-baselines", paramLabel = "true|false",
            description = "Score prompts against each tenant's own adaptive baseline once warm (default: false).")
    String tenantBaselines;

    @Option(names = "--tenant-min-prompts", paramLabel = "N",
            description = "Prompts a tenant baseline needs before it is used (default: 50).")
    String tenantMinPrompts;

    @Option(names = "--tenant-half-life", paramLabel = "DURATION",
            description = "Half-life of a tenant baseline's memory (default: 1d).")
    String tenantHalfLife;

    @Option(names = "--arm-state-publish-interval", paramLabel = "DURATION",
            description = "How often changed arm statistics are published (default: 1s).")
    String armStatePublishInterval;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the bandits' random draws (default: 42).")
    Long seed;

    @Option(names = "--no-create-topics", negatable = false,
            description = "Do not create missing topics; fail at start-up if one is missing.")
    boolean noCreateTopics;

    /** Resolves the configuration from defaults, the config file, {@code environment} and these flags. */
    public RuntimeConfig resolve(Map<String, String> environment) {
        return resolve(environment, Map.of());
    }

    /** As {@link #resolve(Map)}, with a command's own defaults below everything the user sets. */
    public RuntimeConfig resolve(Map<String, String> environment, Map<String, String> commandDefaults) {
        Map<String, String> flags = new LinkedHashMap<>();
        putIfSet(flags, "bootstrap.servers", bootstrapServers);
        putIfSet(flags, "application.id", applicationId);
        putIfSet(flags, Setting.DATA_DIR.property(), dataDir);
        putIfSet(flags, Setting.BROKER_PORT.property(), brokerPort);
        putIfSet(flags, Setting.HTTP_HOST.property(), httpHost);
        putIfSet(flags, Setting.HTTP_PORT.property(), httpPort);
        putIfSet(flags, Setting.SCHEMA_REGISTRY_URL.property(), schemaRegistryUrl);
        putIfSet(flags, Setting.REGISTRY_PORT.property(), registryPort);
        putIfSet(flags, Setting.PARTITIONS.property(), partitions);
        putIfSet(flags, Setting.REPLICATION_FACTOR.property(), replicationFactor);
        putIfSet(flags, Setting.WEIGHTS_MAX_MESSAGE_BYTES.property(), weightsMaxMessageBytes);
        putIfSet(flags, Setting.PROMPT_FORMAT.property(), promptFormat);
        putIfSet(flags, Setting.PROVIDERS.property(), providers);
        putIfSet(flags, Setting.POLICY.property(), policy);
        putIfSet(flags, Setting.MODEL_NAME.property(), modelName);
        putIfSet(flags, Setting.HALF_LIFE.property(), halfLife);
        putIfSet(flags, Setting.REWARD_WINDOW.property(), rewardWindow);
        putIfSet(flags, Setting.DEFAULT_REWARD.property(), defaultReward);
        putIfSet(flags, Setting.ANOMALY_ENABLED.property(), anomalyEnabled);
        putIfSet(flags, Setting.DUPLICATE_REWARDS.property(), duplicateRewards);
        putIfSet(flags, Setting.REWARD_WEIGHT_SUCCESS.property(), rewardWeightSuccess);
        putIfSet(flags, Setting.REWARD_WEIGHT_QUALITY.property(), rewardWeightQuality);
        putIfSet(flags, Setting.REWARD_WEIGHT_LATENCY.property(), rewardWeightLatency);
        putIfSet(flags, Setting.REWARD_WEIGHT_COST.property(), rewardWeightCost);
        putIfSet(flags, Setting.REWARD_LATENCY_SCALE_MS.property(), rewardLatencyScaleMs);
        putIfSet(flags, Setting.REWARD_COST_SCALE.property(), rewardCostScale);
        putIfSet(flags, Setting.MIN_CLASS_EVIDENCE.property(), minClassEvidence);
        putIfSet(flags, Setting.TENANT_BASELINES.property(), tenantBaselines);
        putIfSet(flags, Setting.TENANT_MIN_PROMPTS.property(), tenantMinPrompts);
        putIfSet(flags, Setting.TENANT_HALF_LIFE.property(), tenantHalfLife);
        putIfSet(flags, Setting.ARM_STATE_PUBLISH_INTERVAL.property(), armStatePublishInterval);
        putIfSet(flags, Setting.SEED.property(), seed);
        if (noCreateTopics) {
            flags.put(Setting.CREATE_TOPICS.property(), "false");
        }
        return RuntimeConfig.resolve(commandDefaults, configFile, environment, flags);
    }

    private static void putIfSet(Map<String, String> flags, String property, Object value) {
        if (value != null) {
            flags.put(property, value.toString());
        }
    }
}
