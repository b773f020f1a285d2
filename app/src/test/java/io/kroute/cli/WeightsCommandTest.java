package io.kroute.cli;

import io.kroute.topology.KrouteTopics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.runtime.EmbeddedKafkaBroker;
import io.kroute.runtime.KafkaTestClients;
import io.kroute.runtime.WeightsPublisher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WeightsCommandTest {
    static final Path SHIPPED = Path.of("..", "weights", "default.json");

    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldShowVersionClassesSizesAndQualityOfTheShippedFile() {
        Run run = run("weights", "inspect", SHIPPED.toString());
        assertThat(run.status).isZero();
        assertThat(run.out).contains("valid:       yes").contains("model:       default, version ")
                .contains("classes:     8: code, conversation,").contains("vocabulary ")
                .contains("quality:     accuracy 0.").contains("F1 by class: code 0.");
    }

    @Test
    void shouldRefuseATruncatedFileWithTheReaderReasonAndStatusOne() throws Exception {
        byte[] shipped = Files.readAllBytes(SHIPPED);
        Path truncated = dir.resolve("truncated.json");
        Files.write(truncated, Arrays.copyOf(shipped, shipped.length / 2));
        for (String action : new String[] {"validate", "inspect"}) {
            Run run = run("weights", action, truncated.toString());
            assertThat(run.status).isEqualTo(1);
            assertThat(run.err).startsWith("refused (checksum): " + truncated);
        }
    }

    @Test
    void shouldValidateTheShippedFile() {
        Run run = run("weights", "validate", SHIPPED.toString());
        assertThat(run.status).isZero();
        assertThat(run.out).startsWith("valid: default ");
    }

    @Test
    void shouldPublishToTheRunningEmbeddedBrokerFoundThroughItsDataFolder() throws Exception {
        Run run = run("weights", "publish", SHIPPED.toString(), "--data-dir", dataDir.toString());
        assertThat(run.err).isEmpty();
        assertThat(run.status).isZero();
        assertThat(run.out).startsWith("published default ").contains("to weights-0 at offset ");
        assertThat(KafkaTestClients.consumeAll(broker.bootstrapServers(), KrouteTopics.WEIGHTS, 1))
                .singleElement().satisfies(record -> assertThat(record).startsWith("default={\"format\":\"kroute-weights\""));
    }

    @Test
    void shouldRefuseToPublishAFileLargerThanTheTopicAccepts() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("small-weights", 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "100000")))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] file = Files.readAllBytes(SHIPPED);
        assertThatThrownBy(() -> WeightsPublisher.publish(Map.of("bootstrap.servers", broker.bootstrapServers()),
                "small-weights", "default", file, true, 1 << 24, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the weight file is " + file.length + " bytes but topic small-weights accepts messages of "
                        + "at most 100000 bytes (max.message.bytes, less 1024 bytes of record overhead); raise the "
                        + "topic's max.message.bytes");
    }

    @Test
    void shouldSayWhereToPublishWhenNoClusterIsConfiguredOrRunning() {
        Run run = run("weights", "publish", SHIPPED.toString(), "--data-dir", dir.resolve("nothing-here").toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("no cluster to publish to").contains("--bootstrap-servers");
    }

    @Test
    void shouldRefuseABadSettingInOneLineBeforeLookingForACluster() {
        Run run = run("weights", "publish", SHIPPED.toString(), "--partitions", "0");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).isEqualTo("kroute weights publish: configuration: kroute.topics.partitions (flag "
                + "--partitions): expected a whole number from 1 to 100000, found '0'" + System.lineSeparator());
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new KrouteCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    record Run(int status, String out, String err) {
    }
}
