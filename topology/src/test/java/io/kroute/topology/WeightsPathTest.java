package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.inference.weights.WeightFileReader;
import java.nio.file.Path;
import io.kroute.inference.weights.WeightFile;
import io.kroute.schemas.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightsPathTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static KrouteConfig config() {
        return KrouteConfig.builder().providers(List.of("alpha", "beta")).armStatePublishInterval(Duration.ZERO)
                .build();
    }

    @Test
    void shouldDecideWithTheShippedDefaultWhileTheWeightsTopicIsEmpty() throws Exception {
        WeightFile shipped = new WeightFileReader().readFile(Path.of("..", "weights", "default.json"));
        try (KrouteDriver k = new KrouteDriver(config(), shipped)) {
            k.sendPrompt("p-1", "acme", "Write a Python function that reverses a linked list", T0);

            RoutingDecision d = k.readDecisions().get(0);
            assertThat(d.getWeightsVersion()).isEqualTo(shipped.modelVersion());
            assertThat(d.getLabel()).isEqualTo("code");
            assertThat(k.built.activeWeights().current().origin()).isEqualTo("shipped");
        }
    }

    @Test
    void shouldSwapToANewValidFileBetweenTwoRecords() {
        try (KrouteDriver k = new KrouteDriver(config(), TestWeights.file("v1"))) {
            k.sendPrompt("p-1", "acme", "apple", T0);
            k.weights.pipeInput("default", TestWeights.bytes("v2"), T0 + 1);
            k.sendPrompt("p-2", "acme", "apple", T0 + 2);

            assertThat(k.readDecisions()).extracting(RoutingDecision::getWeightsVersion).containsExactly("v1", "v2");
            assertThat(k.counters.activeWeightsVersion()).isEqualTo("v2");
            assertThat((String) k.driver.getKeyValueStore(KrouteStores.WEIGHTS).get("default"))
                    .contains("\"modelVersion\":\"v2\"");
        }
    }

    @Test
    void shouldRefuseABadFileAndKeepTheLastGoodOne() {
        try (KrouteDriver k = new KrouteDriver(config(), TestWeights.file("v1"))) {
            k.weights.pipeInput("default", TestWeights.bytes("v2"), T0);
            byte[] tampered = TestWeights.bytes("v3");
            tampered[tampered.length / 2] ^= 1;
            k.weights.pipeInput("default", tampered, T0 + 1);
            k.weights.pipeInput("default", new byte[0], T0 + 2);
            k.weights.pipeInput("default", null, T0 + 3);
            k.sendPrompt("p-1", "acme", "apple", T0 + 4);

            assertThat(k.readDecisions()).extracting(RoutingDecision::getWeightsVersion).containsExactly("v2");
            assertThat(k.counters.count("weights-refused{reason=checksum}")).isEqualTo(1);
            assertThat(k.counters.count("weights-refused{reason=empty}")).isEqualTo(1);
            assertThat(k.counters.activeWeightsVersion()).isEqualTo("v2");
        }
    }

    @Test
    void shouldIgnoreFilesForOtherModelsAndRefuseAFileUnderTheWrongKey() {
        try (KrouteDriver k = new KrouteDriver(config(), TestWeights.file("v1"))) {
            k.weights.pipeInput("another-model", TestWeights.bytes("v9"), T0);
            k.weights.pipeInput("default", io.kroute.inference.weights.WeightFileFixture.validBytes(), T0 + 1);
            k.sendPrompt("p-1", "acme", "apple", T0 + 2);

            assertThat(k.readDecisions()).extracting(RoutingDecision::getWeightsVersion).containsExactly("v1");
            assertThat(k.counters.count("weights-refused{reason=model-name}")).isEqualTo(1);
        }
    }
}
