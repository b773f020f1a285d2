package io.kroute.runtime;

import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.topology.KrouteConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * kroute's resolved configuration. Sources, later ones winning: built-in defaults, the config file (Java
 * properties), {@code KROUTE_*} environment variables, command-line flags. Keys starting with {@code kroute.}
 * are kroute's own ({@link Setting}); every other key is a Kafka client or Streams property and passes through.
 */
public final class RuntimeConfig {
    /** Environment variables of the launcher, not settings. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("KROUTE_HOME", "KROUTE_JAVA_OPTS");
    private static final String OWN_PREFIX = "kroute.";

    private final Map<String, String> values;

    private RuntimeConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param configFile a properties file, or null
     * @param environment the process environment (only {@code KROUTE_*} variables are read)
     * @param flags property name to value, for the flags given on the command line
     */
    public static RuntimeConfig resolve(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        return resolve(Map.of(), configFile, environment, flags);
    }

    /**
     * As {@link #resolve(Path, Map, Map)}, with {@code commandDefaults} (a command's own defaults, such as the
     * demo's short half-life) above the built-in defaults and below everything the user sets.
     */
    public static RuntimeConfig resolve(Map<String, String> commandDefaults, Path configFile,
            Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> merged = new TreeMap<>();
        for (Setting setting : Setting.values()) {
            merged.put(setting.property(), setting.defaultValue());
        }
        merged.putAll(commandDefaults);
        if (configFile != null) {
            merged.putAll(readFile(configFile));
        }
        merged.putAll(fromEnvironment(environment));
        merged.putAll(flags);
        RuntimeConfig config = new RuntimeConfig(merged);
        config.validate(configFile);
        return config;
    }

    public static RuntimeConfig defaults() {
        return resolve(null, Map.of(), Map.of());
    }

    /** {@code KROUTE_HTTP_PORT} sets {@code kroute.http.port}; {@code KROUTE_SASL_MECHANISM} sets Kafka's {@code sasl.mechanism}. */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(Setting.ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)
                    || name.length() == Setting.ENV_PREFIX.length()) {
                continue;
            }
            String property = name.substring(Setting.ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            String own = OWN_PREFIX + property;
            result.put(Setting.byProperty(own).isPresent() ? own : property, entry.getValue());
        }
        return result;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the config file " + file + " is not a valid properties file: " + e.getMessage());
        }
        Map<String, String> result = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> result.put(name.trim(), properties.getProperty(name).trim()));
        return result;
    }

    private void validate(Path configFile) {
        for (String key : values.keySet()) {
            if (key.startsWith(OWN_PREFIX) && Setting.byProperty(key).isEmpty()) {
                throw new ConfigException("unknown kroute setting '" + key + "'"
                        + (configFile == null ? "" : " (config file " + configFile + ")") + "; known settings: "
                        + Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.joining(", ")));
            }
        }
        intSetting(Setting.BROKER_PORT, 0, 65_535);
        intSetting(Setting.HTTP_PORT, 0, 65_535);
        intSetting(Setting.REGISTRY_PORT, 0, 65_535);
        intSetting(Setting.PARTITIONS, 1, 100_000);
        if (intSetting(Setting.REPLICATION_FACTOR, -1, Short.MAX_VALUE) == 0) {
            throw new ConfigException(Setting.REPLICATION_FACTOR.property() + " must be -1 or at least 1, found 0");
        }
        intSetting(Setting.WEIGHTS_MAX_MESSAGE_BYTES, 1024, Integer.MAX_VALUE);
        booleanSetting(Setting.CREATE_TOPICS);
        booleanSetting(Setting.ANOMALY_ENABLED);
        promptFormat();
        duration(Setting.HALF_LIFE);
        duration(Setting.REWARD_WINDOW);
        duration(Setting.ARM_STATE_PUBLISH_INTERVAL);
        defaultReward();
        longSetting(Setting.SEED);
        duplicateRewards();
        rewardWeights();
        doubleSetting(Setting.MIN_CLASS_EVIDENCE);
        booleanSetting(Setting.TENANT_BASELINES);
        longSetting(Setting.TENANT_MIN_PROMPTS);
        duration(Setting.TENANT_HALF_LIFE);
        if (string(Setting.DATA_DIR).isBlank()) {
            throw new ConfigException(Setting.DATA_DIR.property() + " must name a folder, found an empty value");
        }
    }

    public String string(Setting setting) {
        return values.get(setting.property()).trim();
    }

    public int intSetting(Setting setting, int min, int max) {
        String raw = string(setting);
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.property() + " must be a whole number, found '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(setting.property() + " must be between " + min + " and " + max + ", found " + value);
        }
        return value;
    }

    public boolean booleanSetting(Setting setting) {
        String raw = string(setting).toLowerCase(Locale.ROOT);
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new ConfigException(setting.property() + " must be true or false, found '" + string(setting) + "'");
        }
        return raw.equals("true");
    }

    public long longSetting(Setting setting) {
        String raw = string(setting);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.property() + " must be a whole number, found '" + raw + "'");
        }
    }

    public double doubleSetting(Setting setting) {
        String raw = string(setting);
        try {
            double value = Double.parseDouble(raw);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.property() + " must be a finite number, found '" + raw + "'");
        }
    }

    public KrouteConfig.DuplicateRewards duplicateRewards() {
        String raw = string(Setting.DUPLICATE_REWARDS).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "first" -> KrouteConfig.DuplicateRewards.FIRST;
            case "sum" -> KrouteConfig.DuplicateRewards.SUM;
            default -> throw new ConfigException(Setting.DUPLICATE_REWARDS.property() + " must be first or sum, found '"
                    + string(Setting.DUPLICATE_REWARDS) + "'");
        };
    }

    /** The reward function's weights from the kroute.reward.* settings, validated together. */
    public RewardFunction.Weights rewardWeights() {
        double success = doubleSetting(Setting.REWARD_WEIGHT_SUCCESS);
        double quality = doubleSetting(Setting.REWARD_WEIGHT_QUALITY);
        double latency = doubleSetting(Setting.REWARD_WEIGHT_LATENCY);
        double cost = doubleSetting(Setting.REWARD_WEIGHT_COST);
        double latencyScale = doubleSetting(Setting.REWARD_LATENCY_SCALE_MS);
        double costScale = doubleSetting(Setting.REWARD_COST_SCALE);
        try {
            return new RewardFunction.Weights(success, quality, latency, cost, latencyScale, costScale);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kroute.reward.*: " + e.getMessage());
        }
    }

    /** A duration as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1H}). */
    public Duration duration(Setting setting) {
        String raw = string(setting);
        Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(raw);
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(raw);
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException e) {
            throw new ConfigException(setting.property() + " must be a duration such as 500ms, 30s, 10m, 2h or PT1H, found '"
                    + raw + "'");
        }
    }

    /** A duration given on a command's own option, in the same forms as the duration settings. */
    public Duration durationValue(String raw, String option) {
        Map<String, String> one = new TreeMap<>(values);
        one.put(Setting.HALF_LIFE.property(), raw);
        try {
            return new RuntimeConfig(one).duration(Setting.HALF_LIFE);
        } catch (ConfigException e) {
            throw new ConfigException(option + " must be a duration such as 500ms, 30s, 10m, 2h or PT1H, found '" + raw + "'");
        }
    }

    public KrouteConfig.PromptFormat promptFormat() {
        String raw = string(Setting.PROMPT_FORMAT).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "avro" -> KrouteConfig.PromptFormat.AVRO;
            case "json" -> KrouteConfig.PromptFormat.JSON;
            default -> throw new ConfigException(Setting.PROMPT_FORMAT.property() + " must be avro or json, found '"
                    + string(Setting.PROMPT_FORMAT) + "'");
        };
    }

    public OptionalDouble defaultReward() {
        String raw = string(Setting.DEFAULT_REWARD);
        if (raw.equalsIgnoreCase("none")) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(raw);
            if (value >= 0 && value <= 1) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(Setting.DEFAULT_REWARD.property() + " must be a number in [0, 1] or none, found '"
                + raw + "'");
    }

    /** Kafka Streams application id: {@code application.id} when given, {@code kroute} otherwise. */
    public String applicationId() {
        String value = values.get("application.id");
        return value == null || value.isBlank() ? "kroute" : value.trim();
    }

    /**
     * The topology's configuration for a cluster at {@code bootstrapServers} and a registry at {@code registryUrl}.
     *
     * @throws ConfigException naming the setting when the topology refuses a value
     */
    public KrouteConfig topologyConfig(String bootstrapServers, String registryUrl) {
        List<String> providers = Arrays.stream(string(Setting.PROVIDERS).split(",")).map(String::trim)
                .filter(p -> !p.isEmpty()).toList();
        String policy = string(Setting.POLICY);
        if (!PolicyCatalog.NAMES.contains(policy)) {
            throw new ConfigException(Setting.POLICY.property() + " must be one of "
                    + String.join(", ", PolicyCatalog.NAMES) + ", found '" + policy + "'");
        }
        try {
            return KrouteConfig.builder()
                    .applicationId(applicationId())
                    .bootstrapServers(bootstrapServers)
                    .schemaRegistryUrl(registryUrl)
                    .promptFormat(promptFormat())
                    .modelName(string(Setting.MODEL_NAME))
                    .providers(providers)
                    .policy(policy)
                    .halfLife(duration(Setting.HALF_LIFE))
                    .rewardWindow(duration(Setting.REWARD_WINDOW))
                    .defaultReward(defaultReward())
                    .anomalyEnabled(booleanSetting(Setting.ANOMALY_ENABLED))
                    .duplicateRewards(duplicateRewards())
                    .rewardWeights(rewardWeights())
                    .minClassEvidence(doubleSetting(Setting.MIN_CLASS_EVIDENCE))
                    .tenantBaselines(booleanSetting(Setting.TENANT_BASELINES))
                    .tenantMinPrompts(longSetting(Setting.TENANT_MIN_PROMPTS))
                    .tenantHalfLife(duration(Setting.TENANT_HALF_LIFE))
                    .armStatePublishInterval(duration(Setting.ARM_STATE_PUBLISH_INTERVAL))
                    .seed(longSetting(Setting.SEED))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the topology refused its configuration: " + e.getMessage());
        }
    }

    /** The cluster to join; empty means kroute starts its embedded broker. */
    public Optional<String> bootstrapServers() {
        String value = values.get("bootstrap.servers");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Path dataDir() {
        return Path.of(string(Setting.DATA_DIR));
    }

    public int brokerPort() {
        return intSetting(Setting.BROKER_PORT, 0, 65_535);
    }

    public String httpHost() {
        return string(Setting.HTTP_HOST);
    }

    public int httpPort() {
        return intSetting(Setting.HTTP_PORT, 0, 65_535);
    }

    public Optional<String> schemaRegistryUrl() {
        String value = string(Setting.SCHEMA_REGISTRY_URL);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public int registryPort() {
        return intSetting(Setting.REGISTRY_PORT, 0, 65_535);
    }

    public boolean createTopics() {
        return booleanSetting(Setting.CREATE_TOPICS);
    }

    public int partitions() {
        return intSetting(Setting.PARTITIONS, 1, 100_000);
    }

    /** Empty when the cluster's default replication factor applies. */
    public Optional<Short> replicationFactor() {
        int value = intSetting(Setting.REPLICATION_FACTOR, -1, Short.MAX_VALUE);
        return value == -1 ? Optional.empty() : Optional.of((short) value);
    }

    public int weightsMaxMessageBytes() {
        return intSetting(Setting.WEIGHTS_MAX_MESSAGE_BYTES, 1024, Integer.MAX_VALUE);
    }

    /** Every Kafka client and Streams property given (everything not starting with {@code kroute.}). */
    public Map<String, String> kafkaProperties() {
        Map<String, String> result = new TreeMap<>();
        values.forEach((key, value) -> {
            if (!key.startsWith(OWN_PREFIX)) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** A copy with {@code bootstrap.servers} set, for when kroute started the broker itself. */
    public RuntimeConfig withBootstrapServers(String bootstrapServers) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put("bootstrap.servers", bootstrapServers);
        return new RuntimeConfig(copy);
    }

    /** Raised for a configuration that cannot work; the message says what was expected and what was found. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
