package io.kroute.runtime;

import io.kroute.topology.KrouteConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kroute's resolved configuration: every {@link Setting}, parsed and validated, and the Kafka properties given.
 * Sources, later ones winning: the declared defaults, a command's own defaults, the config file (Java properties),
 * {@code KROUTE_*} environment variables, command-line flags. Keys starting with {@code kroute.} are kroute's own
 * (an unknown one is an error); every other key is a Kafka client or Streams property and passes through.
 */
public final class RuntimeConfig {
    /** Environment variables of the launcher, not settings. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("KROUTE_HOME", "KROUTE_JAVA_OPTS");

    private static final String COMMAND_DEFAULT = "the command's own default";

    /** A value someone gave, and where it came from (for error messages). */
    private record Given(String text, String source) {
    }

    private final Map<String, Given> given;
    private final Map<Setting<?>, Object> values;

    private RuntimeConfig(Map<String, Given> given, Map<Setting<?>, Object> values) {
        this.given = Collections.unmodifiableMap(given);
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param configFile a properties file, or null
     * @param environment the process environment (only {@code KROUTE_*} variables are read)
     * @param flags property name to value, for the flags given on the command line
     * @throws ConfigException naming the setting, where its value came from and what was expected
     */
    public static RuntimeConfig resolve(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        return resolve(Map.of(), configFile, environment, flags);
    }

    /**
     * As {@link #resolve(Path, Map, Map)}, with {@code commandDefaults} (a command's own defaults, such as the
     * demo's short half-life) above the declared defaults and below everything the user sets.
     */
    public static RuntimeConfig resolve(Map<String, String> commandDefaults, Path configFile,
            Map<String, String> environment, Map<String, String> flags) {
        Map<String, Given> given = new TreeMap<>();
        commandDefaults.forEach((key, text) -> given.put(key, new Given(text, COMMAND_DEFAULT)));
        if (configFile != null) {
            readFile(configFile).forEach((key, text) -> given.put(key, new Given(text, "config file " + configFile)));
        }
        environmentEntries(environment).forEach((key, variable) ->
                given.put(key, new Given(environment.get(variable), "environment variable " + variable)));
        flags.forEach((key, text) -> given.put(key, new Given(text, flagSource(key))));
        rejectUnknownSettings(given);
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : Setting.values()) {
            values.put(setting, parse(setting, given));
        }
        RuntimeConfig config = new RuntimeConfig(given, values);
        config.checkTopologySettings();
        return config;
    }

    public static RuntimeConfig defaults() {
        return resolve(null, Map.of(), Map.of());
    }

    /** {@code KROUTE_HTTP_PORT} sets {@code kroute.http.port}, {@code KROUTE_SASL_MECHANISM} {@code sasl.mechanism}. */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> result = new LinkedHashMap<>();
        environmentEntries(environment).forEach((key, variable) -> result.put(key, environment.get(variable)));
        return result;
    }

    /** Property to the {@code KROUTE_*} variable that sets it. */
    private static Map<String, String> environmentEntries(Map<String, String> environment) {
        Map<String, String> result = new TreeMap<>();
        for (String name : environment.keySet()) {
            if (!name.startsWith(Setting.ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)
                    || name.length() == Setting.ENV_PREFIX.length()) {
                continue;
            }
            String property = name.substring(Setting.ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            String own = Setting.OWN_PREFIX + property;
            result.put(Setting.byProperty(own).isPresent() ? own : property, name);
        }
        return result;
    }

    private static String flagSource(String property) {
        return Setting.byProperty(property).map(setting -> "flag " + setting.flag()).orElse("the command line");
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

    private static void rejectUnknownSettings(Map<String, Given> given) {
        given.forEach((key, value) -> {
            if (key.startsWith(Setting.OWN_PREFIX) && Setting.byProperty(key).isEmpty()) {
                String known = Setting.values().stream().filter(setting -> !setting.isKafkaProperty())
                        .map(Setting::property).collect(Collectors.joining(", "));
                throw new ConfigException("unknown kroute setting '" + key + "' (" + value.source()
                        + "); known settings: " + known);
            }
        });
    }

    private static Object parse(Setting<?> setting, Map<String, Given> given) {
        return setting.type().parse(givenOrDefault(given, setting).text().trim(), describe(given, setting));
    }

    private static Given givenOrDefault(Map<String, Given> given, Setting<?> setting) {
        return given.getOrDefault(setting.property(), new Given(setting.defaultValue(), "default"));
    }

    /** The setting and where its value came from: {@code kroute.http.port (flag --http-port)}. */
    private static String describe(Map<String, Given> given, Setting<?> setting) {
        return setting.property() + " (" + givenOrDefault(given, setting).source() + ")";
    }

    /**
     * Each topology setting on its own must be one the topology takes, so that a refusal names the setting and
     * where its value came from; then all of them together.
     */
    private void checkTopologySettings() {
        for (Setting<?> setting : Setting.values()) {
            if (!setting.configuresTopology()) {
                continue;
            }
            KrouteConfig.Builder alone = KrouteConfig.builder();
            applyTo(setting, alone);
            try {
                alone.build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(given, setting) + ": " + e.getMessage());
            }
        }
        try {
            topologyBuilder().build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the topology refused its configuration: " + e.getMessage());
        }
    }

    /** The value of {@code setting}: the one given, or its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** @throws ConfigException naming the setting when the topology refuses its value */
    private <T> void applyTo(Setting<T> setting, KrouteConfig.Builder builder) {
        try {
            setting.applyTo(builder, get(setting));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(given, setting) + ": " + e.getMessage());
        }
    }

    /**
     * The topology's configuration for a cluster at {@code bootstrapServers} and a registry at {@code registryUrl}.
     *
     * @throws ConfigException when the topology refuses the settings together
     */
    public KrouteConfig topologyConfig(String bootstrapServers, String registryUrl) {
        try {
            return topologyBuilder().bootstrapServers(bootstrapServers).schemaRegistryUrl(registryUrl).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the topology refused its configuration: " + e.getMessage());
        }
    }

    /** Every topology setting applied, on the topology's defaults for the rest, and the provider catalog file. */
    private KrouteConfig.Builder topologyBuilder() {
        KrouteConfig.Builder builder = KrouteConfig.builder();
        Setting.values().forEach(setting -> applyTo(setting, builder));
        Optional<String> file = get(Setting.PROVIDERS_FILE);
        boolean namesByUser = givenByUser(Setting.PROVIDERS);
        if (file.isPresent() && namesByUser && givenByUser(Setting.PROVIDERS_FILE)) {
            throw new ConfigException("set " + describe(given, Setting.PROVIDERS) + " or "
                    + describe(given, Setting.PROVIDERS_FILE) + ", not both");
        }
        // A command's own catalog (the demo's) gives way to providers the user names.
        if (file.isPresent() && !namesByUser) {
            try {
                builder.catalog(CatalogFiles.read(Path.of(file.get())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(describe(given, Setting.PROVIDERS_FILE) + ": " + e.getMessage());
            }
        }
        return builder;
    }

    /** Whether the user set {@code setting} (not a default, nor a command's own default). */
    private boolean givenByUser(Setting<?> setting) {
        Given value = given.get(setting.property());
        return value != null && !value.source().equals(COMMAND_DEFAULT);
    }

    /** The providers routing chooses from: the catalog file's, or the names given. */
    public java.util.List<String> providerNames() {
        try {
            return topologyBuilder().build().providers();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the topology refused its configuration: " + e.getMessage());
        }
    }

    /** The cluster to join; empty means kroute starts its embedded broker. */
    public Optional<String> bootstrapServers() {
        return get(Setting.BOOTSTRAP_SERVERS);
    }

    public Path dataDir() {
        return get(Setting.DATA_DIR);
    }

    public int brokerPort() {
        return get(Setting.BROKER_PORT);
    }

    public String httpHost() {
        return get(Setting.HTTP_HOST);
    }

    public int httpPort() {
        return get(Setting.HTTP_PORT);
    }

    public Optional<String> schemaRegistryUrl() {
        return get(Setting.SCHEMA_REGISTRY_URL);
    }

    public int registryPort() {
        return get(Setting.REGISTRY_PORT);
    }

    /** Whether the status line is off. */
    public boolean quiet() {
        return get(Setting.QUIET);
    }

    public boolean createTopics() {
        return get(Setting.CREATE_TOPICS);
    }

    public int partitions() {
        return get(Setting.PARTITIONS);
    }

    /** Empty when the cluster's default replication factor applies. */
    public Optional<Short> replicationFactor() {
        int value = get(Setting.REPLICATION_FACTOR);
        return value == -1 ? Optional.empty() : Optional.of((short) value);
    }

    public int weightsMaxMessageBytes() {
        return get(Setting.WEIGHTS_MAX_MESSAGE_BYTES);
    }

    /** Every Kafka client and Streams property given (everything not starting with {@code kroute.}). */
    public Map<String, String> kafkaProperties() {
        Map<String, String> result = new TreeMap<>();
        given.forEach((key, value) -> {
            if (!key.startsWith(Setting.OWN_PREFIX)) {
                result.put(key, value.text());
            }
        });
        return result;
    }

    /** Raised for a configuration that cannot work; the message says what was expected and what was found. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
