package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;
import io.kroute.topology.serde.JsonRecordSerde;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionFormatTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static KrouteConfig json() {
        return KrouteConfig.builder().providers(List.of("alpha", "beta"))
                .decisionFormat(KrouteConfig.DecisionFormat.JSON).build();
    }

    @Test
    void shouldWriteDecisionsAsJsonObjectsWithTheSchemasFieldNames() throws Exception {
        try (KrouteDriver k = new KrouteDriver(json(), TestWeights.file("v1"))) {
            k.sendPrompt("p-1", "acme", "write a java function", T0);

            byte[] value = k.decisions.readValue();
            JsonNode decision = MAPPER.readTree(value);

            assertThat(decision.path("promptId").asText()).isEqualTo("p-1");
            assertThat(decision.path("tenant").asText()).isEqualTo("acme");
            assertThat(decision.path("label").asText()).isEqualTo("code");
            assertThat(decision.path("classProbabilities").isObject()).isTrue();
            assertThat(decision.path("provider").asText()).isIn("alpha", "beta");
            assertThat(decision.path("propensity").asDouble()).isBetween(0.0, 1.0);
            assertThat(decision.path("arms").isArray()).isTrue();
            assertThat(decision.path("promptCreatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(Instant.parse(decision.path("decidedAt").asText())).isNotNull();
            RoutingDecision back = JsonRecordSerde.of(RoutingDecision.class).deserializer().deserialize("decisions",
                    value);
            assertThat(back.getPromptId()).isEqualTo("p-1");
            assertThat(back.getClassProbabilities()).hasSize(decision.path("classProbabilities").size());
        }
    }

    @Test
    void shouldWriteQuarantineRecordsAsJsonWithThePromptNested() throws Exception {
        try (KrouteDriver k = new KrouteDriver(json(), TestWeights.file("v1"))) {
            k.sendPrompt("p-long", "acme", "a poem in verse " + "!".repeat(300), T0);

            byte[] value = k.quarantine.readValue();
            JsonNode record = MAPPER.readTree(value);

            assertThat(record.path("prompt").path("id").asText()).isEqualTo("p-long");
            assertThat(record.path("reason").asText()).isNotEmpty();
            assertThat(record.path("features").isArray()).isTrue();
            QuarantineRecord back = JsonRecordSerde.of(QuarantineRecord.class).deserializer().deserialize("quarantine",
                    value);
            assertThat(back.getPrompt().getId()).isEqualTo("p-long");
        }
    }
}
