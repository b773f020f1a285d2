package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Running {@code kroute run} as an operator does (child JVMs on the runnable jar): a second instance on a data
 * folder in use is refused before it touches the folder, busy ports and unwritable folders are refused with one
 * line and nothing on disk, the embedded broker keeps its address across restarts, and a normal start, run and
 * stop logs no warning.
 */
class OperationsIT {
    static final Duration BOUND = Duration.ofSeconds(120);
    /**
     * Kafka's own controller shuts its registration channel down twice on every broker stop (once from the
     * registration manager, once from ControllerServer), and the second close logs this warning. NetworkClient's
     * logger also carries the real warnings of every Kafka client in the process, so it is not quieted.
     */
    static final String KAFKA_DOUBLE_CLOSE = "Attempting to close NetworkClient that has already been closed.";

    /**
     * Warnings not yet removed at their cause, allowed here so they stay visible in this list: Kafka Streams'
     * warning about a state folder under the OS temp folder (only when the checkout itself lies there), and the
     * broker's auto-creation of {@code __transaction_state} racing kroute's own creation of it.
     */
    static boolean knownOpenWarning(String line, Path dataDir) {
        boolean underTemp = dataDir.toAbsolutePath().normalize()
                .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
        return (underTemp && line.contains("WARN StateDirectory - Using an OS temp directory"))
                || line.contains("Auto topic creation failed for __transaction_state with error 'TOPIC_ALREADY_EXISTS'");
    }

    Path root;

    @BeforeEach
    void folder() throws IOException {
        // Under target/, not the OS temp folder: Kafka Streams warns about state kept in a temp folder.
        Files.createDirectories(Path.of("target"));
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kroute-ops-");
    }

    @AfterEach
    void cleanUp() {
        EmbeddedKafkaExtension.delete(root);
    }

    @Test
    void shouldRefuseASecondInstanceBeforeItTouchesTheFolderAndKeepTheFirstServingAndQuiet() throws Exception {
        Path dataDir = root.resolve("data");
        String registryPort = Integer.toString(KrouteProcess.freePort());
        String firstAddress;
        try (KrouteProcess first = KrouteProcess.start(dataDir, List.of("--registry-port", registryPort,
                "--prompt-format", "json"))) {
            Await.until("the first kroute healthy", BOUND, () -> Http.tryGet(first.httpUrl() + "/health").status() == 200);
            firstAddress = Files.readString(dataDir.resolve("broker.address")).trim();
            sendJsonPrompts(firstAddress, 20);
            Await.until("20 decisions", BOUND, () -> InProcessKroute.sum("kroute_decisions_total",
                    Http.get(first.httpUrl() + "/metrics").body()) >= 20);
            Map<String, String> before = files(dataDir);

            Result second = run(List.of("run", "--data-dir", dataDir.toString(), "--http-port", "0",
                    "--registry-port", "0"));

            assertThat(second.exit()).isNotZero();
            assertThat(second.output().lines()).containsExactly("kroute run: cannot start: data folder " + dataDir
                    + " is in use by another kroute (pid " + first.pid() + "); stop it, or give this one another "
                    + "folder with --data-dir");
            assertThat(files(dataDir)).isEqualTo(before);
            assertThat(Http.tryGet(first.httpUrl() + "/health").status()).isEqualTo(200);
            first.terminate();
            // The JVM's status after SIGTERM, once its shutdown hook (kroute's clean stop) has run.
            assertThat(first.exitValue()).isEqualTo(143);
            assertThat(first.log()).contains("Kafka Streams PENDING_SHUTDOWN -> NOT_RUNNING", "broker on "
                    + firstAddress + " stopped");
            assertThat(first.log().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                    .as("warnings and errors of a normal start, run and stop")
                    .allMatch(line -> line.endsWith(KAFKA_DOUBLE_CLOSE) || knownOpenWarning(line, dataDir));
        }
        try (KrouteProcess again = KrouteProcess.start(dataDir, List.of("--registry-port", registryPort))) {
            Await.until("the restarted kroute healthy", BOUND,
                    () -> Http.tryGet(again.httpUrl() + "/health").status() == 200);
            assertThat(Files.readString(dataDir.resolve("broker.address")).trim()).isEqualTo(firstAddress);
        }
    }

    @Test
    void shouldRefuseABusyPortWithOneLineBeforeCreatingAnything() throws Exception {
        Path dataDir = root.resolve("fresh");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Result result = run(List.of("run", "--data-dir", dataDir.toString(), "--http-port",
                    Integer.toString(busy.getLocalPort()), "--registry-port", "0"));

            assertThat(result.exit()).isNotZero();
            assertThat(result.output().lines()).containsExactly("kroute run: cannot start: port "
                    + busy.getLocalPort() + " on 127.0.0.1 for the HTTP endpoint is in use; free it, or choose "
                    + "another with --http-port (setting kroute.http.port; 0 picks a free one)");
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void shouldRefuseAMalformedDecisionFormatWithOneLineBeforeCreatingAnything() throws Exception {
        Path dataDir = root.resolve("fresh");
        Result result = run(List.of("run", "--data-dir", dataDir.toString(), "--decision-format", "xml"));

        assertThat(result.exit()).isNotZero();
        assertThat(result.output().lines()).singleElement().asString().contains("--decision-format").contains("xml")
                .contains("avro").contains("json");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void shouldRefuseADataFolderThatCannotBeWrittenWithOneLine() throws Exception {
        Path file = Files.writeString(root.resolve("a-file"), "x");
        Result result = run(List.of("run", "--data-dir", file.resolve("data").toString(), "--http-port", "0",
                "--registry-port", "0"));

        assertThat(result.exit()).isNotZero();
        assertThat(result.output().lines()).singleElement().asString()
                .contains("data folder " + file.resolve("data") + " cannot be written").contains("--data-dir");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    private static void sendJsonPrompts(String bootstrap, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String id = "ops-" + i;
                producer.send(new ProducerRecord<>("prompts", id, "{\"id\": \"" + id + "\", \"tenant\": \"acme\", "
                        + "\"text\": \"translate good morning into french " + i + "\", \"createdAt\": 1767225600000}"));
            }
        }
    }

    /**
     * What a second instance could clobber while the first one runs (the first keeps writing its logs and
     * stores): the folder's entries, the lock, the broker's identity, its metadata quorum state and checkpoints,
     * each with its size and last modification time.
     */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> top = Files.list(dir)) {
            top.forEach(path -> files.put(dir.relativize(path).toString(), "entry"));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                if (name.equals("kroute.lock") || name.equals("broker.address") || name.equals("meta.properties")
                        || name.equals("quorum-state") || name.endsWith(".checkpoint")) {
                    files.put(dir.relativize(path).toString(), Files.size(path) + " bytes at "
                            + Files.getLastModifiedTime(path).toMillis());
                }
            }
        }
        return files;
    }

    record Result(int exit, String output) {
    }

    /** {@code kroute ARGS} in a child JVM, its standard output and error together. */
    private Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", KrouteProcess.JAR.toString()));
        command.addAll(args);
        Path output = Files.createTempFile(root, "kroute-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KROUTE_"));
        Process process = builder.start();
        if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kroute " + args + " did not finish within " + BOUND.toSeconds() + " s");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
