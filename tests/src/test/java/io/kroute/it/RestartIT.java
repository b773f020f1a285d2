package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.runtime.KrouteRuntime;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.registry.SchemaRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kroute run} on its embedded broker keeps what it learnt across a restart, and forgets it with --reset. */
class RestartIT {
    static final Duration BOUND = Duration.ofSeconds(60);
    Path dataDir;

    @BeforeEach
    void folder() throws Exception {
        dataDir = Files.createTempDirectory("kroute-it-restart-");
    }

    @AfterEach
    void cleanUp() {
        EmbeddedKafkaExtension.delete(dataDir);
    }

    @Test
    void shouldKeepArmsAndSchemaIdsAcrossARestartAndWipeThemOnReset() throws Exception {
        long foldedBefore;
        int decisionSchemaId;
        try (KrouteRuntime first = start(false); KafkaIo io = io(first)) {
            List<String> texts = ShippedPrompts.byLabel().get("math");
            for (int i = 0; i < 10; i++) {
                io.sendPrompt("restart-" + i, "acme", texts.get(i));
            }
            for (RoutingDecision decision : io.readDecisions("restart-", 10, BOUND)) {
                io.sendReward(decision, true);
            }
            foldedBefore = Await.until("ten rewards on the math arms", BOUND, () -> mathRewards(first), n -> n == 10);
            decisionSchemaId = RoutingIT.json(Http.get(first.addresses().registryUrl()
                    + "/subjects/decisions-value/versions/latest")).path("id").asInt();
        }

        try (KrouteRuntime second = start(false); KafkaIo io = io(second)) {
            assertThat(mathRewards(second)).as("arms after a restart").isEqualTo(foldedBefore);
            // The records written before the restart still decode: their schema ids mean the same schemas.
            assertThat(io.readDecisions("restart-", 10, BOUND)).hasSize(10);
            assertThat(RoutingIT.json(Http.get(second.addresses().registryUrl() + "/subjects/decisions-value/versions/latest"))
                    .path("id").asInt()).isEqualTo(decisionSchemaId);
        }

        try (KrouteRuntime third = start(true)) {
            assertThat(mathRewards(third)).as("arms after --reset").isZero();
        }
    }

    KrouteRuntime start(boolean reset) throws InterruptedException {
        Map<String, String> flags = new HashMap<>();
        flags.put("kroute.data.dir", dataDir.toString());
        flags.put("kroute.http.port", "0");
        flags.put("kroute.registry.port", "0");
        flags.put("kroute.arm.state.publish.interval", "0s");
        flags.put("application.id", "restart-it");
        KrouteRuntime runtime = KrouteRuntime.start(RuntimeConfig.resolve(null, Map.of(), flags), reset, false);
        assertThat(runtime.awaitRunning(BOUND)).as("Kafka Streams RUNNING").isTrue();
        return runtime;
    }

    static KafkaIo io(KrouteRuntime runtime) {
        return new KafkaIo(runtime.addresses().bootstrapServers(), SchemaRegistries.connect(runtime.addresses().registryUrl()));
    }

    /** Rewards folded into the math arms, as /arms reports them (-1 while it cannot answer). */
    static long mathRewards(KrouteRuntime runtime) {
        Http.Reply reply = Http.tryGet(runtime.addresses().httpUrl() + "/arms");
        if (reply.status() != 200) {
            return -1;
        }
        long total = 0;
        for (JsonNode arm : RoutingIT.json(reply).path("classes").path("math")) {
            total += arm.path("count").asLong();
        }
        return total;
    }
}
