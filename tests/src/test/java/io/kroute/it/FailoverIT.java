package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kroute.runtime.JournaledSchemaRegistry;
import io.kroute.runtime.TopicCreator;
import io.kroute.runtime.TopicLayout;
import io.kroute.schemas.RoutingDecision;
import io.kroute.runtime.SchemaRegistryHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two kroute instances (child JVMs running the jar) share one application id: both process partitions, either
 * answers for every arm, and when one is killed with SIGKILL the other takes over its partitions, with every
 * prompt decided exactly once.
 */
class FailoverIT {
    static final Duration BOUND = Duration.ofSeconds(90);
    static final int PARTITIONS = 4;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static Path dir;
    static JournaledSchemaRegistry registry;
    static SchemaRegistryHttpServer registryServer;

    @BeforeAll
    static void sharedRegistryAndTopics() throws Exception {
        dir = Files.createTempDirectory("kroute-it-failover-");
        registry = JournaledSchemaRegistry.open(dir.resolve("schemas.jsonl"));
        registryServer = SchemaRegistryHttpServer.start(registry, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicCreator.createMissing(admin, TopicLayout.specs(PARTITIONS, 16 << 20), Optional.empty());
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registryServer != null) {
            registryServer.close();
        }
        if (registry != null) {
            registry.close();
        }
        EmbeddedKafkaExtension.delete(dir);
    }

    @Test
    void shouldShareThePartitionsAndTakeOverWhenOneInstanceIsKilled() throws Exception {
        // A dead member is noticed after its session times out; keep that short so the test stays short.
        Path config = dir.resolve("kroute.properties");
        Files.writeString(config, String.join("\n",
                "session.timeout.ms=6000",
                "heartbeat.interval.ms=1000",
                "transaction.timeout.ms=6000",
                "kroute.arm.state.publish.interval=0s",
                "kroute.providers=alpha,beta,gamma", ""));
        List<String> args = List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url",
                registryServer.url(), "--application-id", "failover-it", "--config", config.toString());
        try (KrouteProcess first = KrouteProcess.start(dir.resolve("first"), args);
                KrouteProcess second = KrouteProcess.start(dir.resolve("second"), args);
                KafkaIo io = new KafkaIo(KAFKA.bootstrapServers(), registry)) {
            awaitRunning(first);
            awaitRunning(second);
            List<String> texts = ShippedPrompts.byLabel().get("code");
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                io.sendPrompt("before-" + i, "acme", texts.get(i));
                sent.add("before-" + i);
            }
            List<RoutingDecision> before = io.readDecisions("before-", 40, BOUND);
            assertThat(decisionsCounted(first)).as("decisions made by the first instance").isPositive();
            assertThat(decisionsCounted(second)).as("decisions made by the second instance").isPositive();
            // Counters are not transactional: a task replayed after a rebalance counts its records again.
            assertThat(decisionsCounted(first) + decisionsCounted(second)).isGreaterThanOrEqualTo(40);

            // Rewards land on arms owned by either instance; each instance answers for all of them.
            before.forEach(decision -> io.sendReward(decision, true));
            JsonNode arms = Await.until("every reward visible through one instance's /arms", BOUND,
                    () -> json(Http.tryGet(second.httpUrl() + "/arms")), all -> rewardsFolded(all, "code") == 40);
            assertThat(arms.path("instances")).hasSize(2);
            for (String provider : List.of("alpha", "beta", "gamma")) {
                Http.Reply viaFirst = Http.get(first.httpUrl() + "/arms?class=code&provider=" + provider);
                Http.Reply viaSecond = Http.get(second.httpUrl() + "/arms?class=code&provider=" + provider);
                assertThat(viaFirst.status()).isEqualTo(viaSecond.status());
                if (viaFirst.status() == 200) {
                    // Whoever is asked, the owner answers.
                    assertThat(json(viaFirst).path("instance")).isEqualTo(json(viaSecond).path("instance"));
                    assertThat(json(viaFirst).path("arm")).isEqualTo(json(viaSecond).path("arm"));
                }
            }

            first.kill();
            assertThat(first.isAlive()).isFalse();
            double secondBefore = decisionsCounted(second);
            for (int i = 0; i < 40; i++) {
                io.sendPrompt("after-" + i, "acme", texts.get(40 + i));
                sent.add("after-" + i);
            }
            List<RoutingDecision> after = io.readDecisions("after-", 40, BOUND);
            List<String> decided = new ArrayList<>();
            before.forEach(d -> decided.add(d.getPromptId()));
            after.forEach(d -> decided.add(d.getPromptId()));
            assertThat(decided).as("one committed decision per prompt").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sent);
            Await.until("the survivor's counter to include every later prompt", BOUND,
                    () -> decisionsCounted(second) - secondBefore >= 40);
            assertThat(Http.get(second.httpUrl() + "/health").status()).isEqualTo(200);

            // SIGTERM: the shutdown hook closes Kafka Streams before the JVM exits.
            second.terminate();
            assertThat(second.isAlive()).isFalse();
            assertThat(second.log()).contains("Kafka Streams PENDING_SHUTDOWN -> NOT_RUNNING");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- first instance log (tail) ---\n"
                    + tail(dir.resolve("first").resolve("kroute.log")) + "\n--- second instance log (tail) ---\n"
                    + tail(dir.resolve("second").resolve("kroute.log")), e);
        }
    }

    static void awaitRunning(KrouteProcess kroute) {
        Await.until("kroute at " + kroute.httpUrl() + " to be RUNNING", BOUND, () -> {
            if (!kroute.isAlive()) {
                throw new AssertionError("kroute exited early:\n" + kroute.log());
            }
            Http.Reply health = Http.tryGet(kroute.httpUrl() + "/health");
            return health.status() == 200 && health.body().contains("\"RUNNING\"");
        });
    }

    static double decisionsCounted(KrouteProcess kroute) {
        return RoutingIT.sum("kroute_decisions_total", Http.get(kroute.httpUrl() + "/metrics").body());
    }

    /** Rewards folded into the arms of one class, over all its providers. */
    static long rewardsFolded(JsonNode arms, String label) {
        long total = 0;
        for (JsonNode arm : arms.path("classes").path(label)) {
            total += arm.path("count").asLong();
        }
        return total;
    }

    static JsonNode json(Http.Reply reply) {
        return reply.status() == 200 ? RoutingIT.json(reply) : MissingNode.getInstance();
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
