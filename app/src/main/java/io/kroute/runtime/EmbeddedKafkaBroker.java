package io.kroute.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, listening on
 * loopback. Its log directory lives under a data folder that is reused across restarts: storage is formatted
 * once, when {@code meta.properties} is absent, and topics and offsets survive a restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, int port) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
    }

    /**
     * Starts a broker whose storage lives in {@code dataDir/broker}.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one
     * @param haltOnFatalFault when false, a fatal broker fault (for example a corrupt metadata log) throws in the
     *     broker's thread instead of halting the whole JVM, which is what Kafka does by default; tests that share
     *     the JVM with the broker want false, a process that is the broker keeps Kafka's default
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, boolean haltOnFatalFault) {
        return start(dataDir, port, haltOnFatalFault, props -> { });
    }

    /**
     * Starts a broker as {@link #start(Path, int, boolean)} does, with its properties adjusted by {@code customize}
     * first (for example a listener that requires SASL authentication).
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, boolean haltOnFatalFault,
            java.util.function.Consumer<Properties> customize) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("broker port must be 0 (any free port) or 1-65535, found " + port);
        }
        Path logDir = dataDir.toAbsolutePath().resolve("broker");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's data folder " + logDir, e);
        }
        int brokerPort = port == 0 ? freePort() : port;
        // The controller port is internal to this process; a static voter set lets it change between runs.
        int controllerPort = freePort();
        Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        customize.accept(props);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props, logDir);
        }
        if (!haltOnFatalFault) {
            Exit.setHaltProcedure((status, message) -> {
                throw new IllegalStateException("the embedded Kafka broker hit a fatal fault (status " + status
                        + "): " + message);
            });
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        long started = System.nanoTime();
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("the embedded Kafka broker failed to start on " + HOST + ":" + brokerPort
                    + " with data under " + logDir + ": " + e.getMessage(), e);
        }
        LOG.info("Embedded Kafka broker up on {}:{} in {} ms (data: {})", HOST, brokerPort,
                (System.nanoTime() - started) / 1_000_000, logDir);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, logDir, brokerPort);
        try {
            // Clients, other kroute commands (weights publish) and the next run on this folder read the address here.
            Files.writeString(addressFile(logDir.getParent()), broker.bootstrapServers());
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", addressFile(logDir.getParent()), e.getMessage());
        }
        return broker;
    }

    /**
     * The address of the embedded broker currently running with {@code dataDir} (written at start and kept after
     * it stops, so the next run listens there again); empty when none is running there now.
     */
    public static Optional<String> runningAddress(Path dataDir) {
        Path file = addressFile(dataDir.toAbsolutePath());
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String address = Files.readString(file).trim();
            int colon = address.lastIndexOf(':');
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1))), 1_000);
            }
            return Optional.of(address);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The port an earlier run on {@code dataDir} listened on, from its address file; empty when there is none. */
    public static Optional<Integer> earlierPort(Path dataDir) {
        Path file = addressFile(dataDir.toAbsolutePath());
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String address = Files.readString(file).trim();
            return Optional.of(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable: a free port is picked and the file written anew
        }
    }

    /** {@code broker.address} in the data folder: {@code 127.0.0.1:PORT}, for clients and later runs. */
    public static Path addressFile(Path dataDir) {
        return dataDir.resolve("broker.address");
    }

    /** The value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic has exactly one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Nobody else will join the group within the default 3 s delay; do not wait for them.
        props.put("group.initial.rebalance.delay.ms", "0");
        // kroute creates its topics with their settings; a typo in a topic name must not create a new one.
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private static void format(Properties props, Path logDir) {
        Path configFile = logDir.resolve("format.properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try {
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "written by kroute to format the embedded broker's storage");
            }
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                status = StorageTool.execute(new String[] {
                    "format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString()
                }, print);
            }
            Files.deleteIfExists(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the embedded broker's storage under " + logDir, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting the embedded broker's storage under " + logDir + " failed: "
                    + e.getMessage() + "\n" + output.toString(StandardCharsets.UTF_8), e);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage under " + logDir
                    + " failed with status " + status + ":\n" + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }
}
