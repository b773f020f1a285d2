package io.kroute.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.schemas.registry.SchemaRegistries;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteStores;
import io.kroute.topology.KrouteTopics;
import io.kroute.topology.KrouteTopology;
import io.kroute.topology.StreamsProperties;
import io.kroute.topology.pending.PromptHome;
import io.kroute.topology.weights.ActiveModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running kroute: the cluster (an embedded broker unless one is configured), kroute's topics, the schema
 * registry (served from memory unless one is configured), the Kafka Streams topology and the HTTP endpoint.
 * Everything it started is stopped by {@link #close()}, in reverse order.
 */
public final class KrouteRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KrouteRuntime.class);
    private static final String GLOBAL_HANDLER = "processing.exception.handler.global.enabled";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Where to reach what this runtime serves. */
    public record Addresses(String bootstrapServers, boolean embeddedBroker, String registryUrl,
            boolean embeddedRegistry, String httpUrl) {
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;
    private KafkaStreams streams;
    private Addresses addresses;
    private RuntimeMetrics metrics;
    private KrouteTopology.Built built;
    private boolean closed;

    private KrouteRuntime() {
    }

    /**
     * Starts everything. On failure, whatever was already started is stopped again before the exception leaves.
     *
     * @param reset wipe local state first: the whole data folder with the embedded broker (topics, offsets,
     *     schemas, Streams state), only this application's Streams state with an external cluster
     * @param haltOnFatalFault passed to the embedded broker (see {@link EmbeddedKafkaBroker#start})
     */
    public static KrouteRuntime start(RuntimeConfig config, boolean reset, boolean haltOnFatalFault) {
        KrouteRuntime runtime = new KrouteRuntime();
        try {
            runtime.startAll(config, reset, haltOnFatalFault);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll(RuntimeConfig config, boolean reset, boolean haltOnFatalFault) {
        Path dataDir = config.dataDir().toAbsolutePath();
        boolean embeddedBroker = config.bootstrapServers().isEmpty();
        // The folder is locked before anything in it is opened, every port checked before anything listens.
        StartupPorts ports = new StartupPorts(config, dataDir, embeddedBroker);
        started.add(DataFolderLock.acquire(dataDir, ports::check));
        if (reset && embeddedBroker) {
            resetDataFolder(dataDir);
        }
        String bootstrap = startBroker(config, dataDir, ports.brokerPort(), haltOnFatalFault);
        Map<String, Object> clientProps = new HashMap<>(config.kafkaProperties());
        clientProps.put("bootstrap.servers", bootstrap);
        int promptPartitions = prepareTopics(config, clientProps);
        Registry registry = startRegistry(config, dataDir);
        HttpEndpoint http = listen("the HTTP endpoint", Setting.HTTP_PORT, config.httpPort(),
                () -> HttpEndpoint.start(config.httpHost(), config.httpPort(), Map.of()));
        started.add(http);
        http.route("/health", query -> health());

        metrics = new RuntimeMetrics();
        started.add(metrics);
        KrouteConfig topologyConfig = config.topologyConfig(bootstrap, registry.url());
        buildTopology(topologyConfig, registry.registry());
        if (embeddedBroker) {
            RepartitionTopics.createCoordinatorTopics(clientProps, topologyConfig.applicationId());
        }
        if (config.createTopics()) {
            RepartitionTopics.createMissing(clientProps, built.topology(), topologyConfig.applicationId(),
                    promptPartitions, config.replicationFactor());
        }
        HostInfo self = new HostInfo(advertisedHost(config.httpHost()), http.port());
        streams = new KafkaStreams(built.topology(), streamsProperties(config, topologyConfig, dataDir, bootstrap, self,
                promptPartitions));
        if (reset && !embeddedBroker) {
            streams.cleanUp();
            LOG.info("Reset: removed the local Streams state of application {}", topologyConfig.applicationId());
        }
        watchStreams();
        http.route("/metrics", metrics.route());
        http.route("/arms", new ArmsQuery(streams, KrouteStores.ARM_STATISTICS, self));
        http.route("/weights", query -> weights());
        streams.start();
        addresses = new Addresses(bootstrap, embeddedBroker, registry.url(), config.schemaRegistryUrl().isEmpty(),
                http.url());
    }

    private static void resetDataFolder(Path dataDir) {
        Folders.deleteContents(dataDir, DataFolderLock.FILE_NAME, "the data folder (for --reset)");
        LOG.info("Reset: removed everything in {}", dataDir);
    }

    /** The configured cluster's bootstrap servers, or those of an embedded broker started here. */
    private String startBroker(RuntimeConfig config, Path dataDir, int brokerPort, boolean haltOnFatalFault) {
        if (config.bootstrapServers().isPresent()) {
            return config.bootstrapServers().get();
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, brokerPort, haltOnFatalFault);
        started.add(broker);
        return broker.bootstrapServers();
    }

    private record Registry(SchemaRegistry registry, String url) {
    }

    /** The configured schema registry, or one served from a journal in the data folder. */
    private Registry startRegistry(RuntimeConfig config, Path dataDir) {
        if (config.schemaRegistryUrl().isPresent()) {
            String url = config.schemaRegistryUrl().get();
            return new Registry(SchemaRegistries.connect(url), url);
        }
        JournaledSchemaRegistry journaled = JournaledSchemaRegistry.open(dataDir.resolve("schemas.jsonl"));
        started.add(journaled);
        KrouteSubjects.register(journaled);
        SchemaRegistryHttpServer server = listen("the schema registry", Setting.REGISTRY_PORT, config.registryPort(),
                () -> SchemaRegistryHttpServer.start(journaled, config.registryPort()));
        started.add(server);
        return new Registry(journaled, server.url());
    }

    /** The topology over the shipped weight file, counting into the runtime's metrics. */
    private void buildTopology(KrouteConfig topologyConfig, SchemaRegistry registry) {
        WeightFile shipped;
        try {
            shipped = DefaultWeights.load(null);
        } catch (WeightFileException e) {
            throw new IllegalStateException("the shipped weight file was refused (" + e.reason() + "): " + e.getMessage(), e);
        }
        MicrometerKrouteCounters counters = new MicrometerKrouteCounters(metrics.registry());
        built = KrouteTopology.build(topologyConfig, registry, shipped, counters);
        counters.weightsActivated(shipped.modelName(), shipped.modelVersion());
        counters.registerAtZero(shipped.classifier().classes(), topologyConfig.providers());
    }

    private static Properties streamsProperties(RuntimeConfig config, KrouteConfig topologyConfig, Path dataDir,
            String bootstrap, HostInfo self, int promptPartitions) {
        Map<String, Object> overrides = new HashMap<>(config.kafkaProperties());
        // Reward windows and rewards meet in the home task of their prompt id, whatever their producers hashed.
        overrides.put(PromptHome.PARTITIONS_CONFIG, Integer.toString(promptPartitions));
        overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        overrides.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString());
        // Opt in now to what Kafka Streams 5 does by default: the exception handler also covers the global thread.
        overrides.putIfAbsent(GLOBAL_HANDLER, "true");
        // Streams builds a second StreamsConfig for its partition assignor from the main consumer's settings only;
        // without the flag there, that one warns that the handler is off for the global thread.
        overrides.putIfAbsent(StreamsConfig.mainConsumerPrefix(GLOBAL_HANDLER), overrides.get(GLOBAL_HANDLER));
        // Other instances forward interactive queries for arms they do not own to this address.
        overrides.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        return StreamsProperties.of(topologyConfig, overrides);
    }

    /** Stops the client when a stream thread fails, and releases {@link #awaitStop()} when it stops. */
    private void watchStreams() {
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("A stream thread failed; stopping kroute's Kafka Streams client", exception);
            failed = true;
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Kafka Streams {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        metrics.bind(streams);
    }

    /** The model decisions are made with now, as {@code name version}. */
    public String activeModel() {
        ActiveModel model = built.activeWeights().current();
        return model.modelName() + " " + model.modelVersion();
    }

    public Addresses addresses() {
        return addresses;
    }

    /** The meters behind {@code /metrics}, kroute's counters among them. */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Blocks until {@link #close()} is called or Kafka Streams stops on its own; true when it failed. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return failed || (streams != null && streams.state() == KafkaStreams.State.ERROR);
    }

    /** Blocks until Kafka Streams is RUNNING; false when it did not get there within {@code timeout}. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || stopped.getCount() == 0) {
                return false;
            }
            stopped.await(50, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private HttpEndpoint.Response health() {
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        body.put("status", up ? "UP" : "DOWN");
        body.put("streams", state.name());
        if (addresses != null) {
            body.put("broker", addresses.embeddedBroker() ? "embedded" : "external");
            body.put("bootstrapServers", addresses.bootstrapServers());
        }
        if (built != null) {
            body.put("weightsVersion", built.activeWeights().current().modelVersion());
        }
        return HttpEndpoint.Response.json(up ? 200 : 503, body.toString());
    }

    private HttpEndpoint.Response weights() {
        ActiveModel model = built.activeWeights().current();
        WeightFile file = model.weights();
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.put("modelName", model.modelName());
        body.put("modelVersion", model.modelVersion());
        body.put("origin", model.origin());
        body.put("createdAt", file.createdAt().toString());
        body.put("checksum", file.checksum());
        body.put("sizeBytes", file.sizeBytes());
        body.put("vocabularySize", file.vocabularySize());
        var classes = body.putArray("classes");
        file.classifier().classes().forEach(classes::add);
        return HttpEndpoint.Response.json(200, body.toString());
    }

    /** Creates the missing topics (or checks they exist); returns the partition count of {@code prompts}. */
    private static int prepareTopics(RuntimeConfig config, Map<String, Object> clientProps) {
        List<TopicSpec> specs = TopicLayout.specs(config.partitions(), config.weightsMaxMessageBytes());
        try (Admin admin = Admin.create(clientProps)) {
            if (config.createTopics()) {
                TopicCreator.createMissing(admin, specs, config.replicationFactor());
            } else {
                Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
                List<String> missing = specs.stream().map(TopicSpec::name).filter(name -> !existing.contains(name))
                        .toList();
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("topic creation is off (" + Setting.CREATE_TOPICS.property()
                            + "=false) and these topics are missing: " + String.join(", ", missing));
                }
            }
            return admin.describeTopics(List.of(KrouteTopics.PROMPTS)).allTopicNames().get(60, TimeUnit.SECONDS)
                    .get(KrouteTopics.PROMPTS).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the cluster's topics: " + e.getMessage(), e);
        }
    }

    /** The host other instances reach this one at: the bind address, or this machine's name for a wildcard. */
    static String advertisedHost(String bindHost) {
        try {
            InetAddress address = InetAddress.getByName(bindHost);
            return address.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : bindHost;
        } catch (IOException e) {
            return bindHost;
        }
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    private static <T> T listen(String what, Setting<Integer> portSetting, int port, Opener<T> opener) {
        try {
            return opener.open();
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on port " + port + " for " + what + " (" + e.getMessage()
                    + "); choose another with " + portSetting.flag() + " (0 picks a free one)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams != null) {
            // Leaving the group on a clean stop lets a restarted or remaining instance take the partitions over
            // at once instead of after the session timeout.
            if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("Kafka Streams did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", started.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        stopped.countDown();
    }
}
