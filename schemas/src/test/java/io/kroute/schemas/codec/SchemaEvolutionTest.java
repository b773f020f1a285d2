package io.kroute.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.SampleRecords;
import io.kroute.schemas.registry.CompatibilityLevel;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** Records written with the previous version of a schema (kept in test resources) decode with the current one. */
class SchemaEvolutionTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldReadAPromptWrittenWithVersion1WithTheCurrentSchema() throws IOException {
        Schema v1 = previous("PromptEvent");
        int v1Id = registry.register("prompts-value", v1);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "p-old");
        old.put("tenant", "acme");
        old.put("text", "written before hints existed");
        old.put("createdAt", SampleRecords.CREATED.toEpochMilli());

        PromptEvent decoded = AvroCodec.forValues(PromptEvent.class, registry)
                .decode("prompts", AvroCodecTest.frame(v1Id, old));

        assertThat(decoded.getId()).isEqualTo("p-old");
        assertThat(decoded.getText()).isEqualTo("written before hints existed");
        assertThat(decoded.getCreatedAt()).isEqualTo(SampleRecords.CREATED);
        assertThat(decoded.getHints()).isNull();
        assertThat(decoded.getMetadata()).isNull();
    }

    @Test
    void shouldReadADecisionWrittenWithVersion1WithDefaultsForNewFields() throws IOException {
        Schema v1 = previous("RoutingDecision");
        int v1Id = registry.register("decisions-value", v1);
        GenericRecord old = new GenericData.Record(v1);
        old.put("promptId", "p-old");
        old.put("tenant", "acme");
        old.put("label", "chat");
        old.put("classProbabilities", Map.of("chat", 0.9, "code", 0.1));
        old.put("anomalyScore", 0.4);
        old.put("provider", "provider-a");
        old.put("propensity", 0.5);
        old.put("policy", "thompson-sampling");
        old.put("modelName", "default");
        old.put("weightsVersion", "20260101T000000Z-00000000");
        old.put("promptCreatedAt", 1L);
        old.put("decidedAt", 2L);

        RoutingDecision decoded = AvroCodec.forValues(RoutingDecision.class, registry)
                .decode("decisions", AvroCodecTest.frame(v1Id, old));

        assertThat(decoded.getProvider()).isEqualTo("provider-a");
        assertThat(decoded.getClassProbabilities()).containsEntry("chat", 0.9);
        assertThat(decoded.getAnomalyFeature()).isNull();
        assertThat(decoded.getExplored()).isFalse();
        assertThat(decoded.getArms()).isEmpty();
    }

    @Test
    void shouldReadAnArmStateWrittenBeforeHistoriesExistedWithoutAHistory() throws IOException {
        Schema v1 = previous("ArmState");
        int v1Id = registry.register("arm-state-value", v1);
        GenericRecord old = new GenericData.Record(v1);
        old.put("label", "code");
        old.put("provider", "provider-a");
        old.put("successes", 3.5);
        old.put("failures", 0.5);
        old.put("rewardSum", 3.5);
        old.put("rewardSquareSum", 3.25);
        old.put("weight", 4.0);
        old.put("count", 4L);
        old.put("halfLifeMs", 3_600_000L);
        old.put("lastUpdatedAt", 5L);
        old.put("version", 4L);

        ArmState decoded = AvroCodec.forValues(ArmState.class, registry).decode("arm-state", AvroCodecTest.frame(v1Id, old));

        assertThat(decoded.getWeight()).isEqualTo(4.0);
        assertThat(decoded.getHalfLifeMs()).isEqualTo(3_600_000L);
        assertThat(decoded.getHistory()).isNull();
    }

    @Test
    void shouldRegisterTheCurrentSchemaAsVersion2AfterVersion1() throws IOException {
        registry.register("prompts-value", previous("PromptEvent"));
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);

        byte[] bytes = codec.encode("prompts", SampleRecords.prompt());

        assertThat(registry.versions("prompts-value")).containsExactly(1, 2);
        assertThat(WireFormat.schemaId("prompts", bytes)).isEqualTo(registry.latest("prompts-value").id());
    }

    @Test
    void shouldLetVersion1ReadersReadCurrentRecords() throws IOException {
        // Only optional fields with defaults were added, so the change is FULL compatible: old consumers keep working.
        Schema v1 = previous("PromptEvent");
        byte[] bytes = AvroCodec.forValues(PromptEvent.class, registry).encode("prompts", SampleRecords.prompt());
        Schema writer = registry.schemaById(WireFormat.schemaId("prompts", bytes));

        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, v1).read(null,
                DecoderFactory.get().binaryDecoder(new ByteArrayInputStream(Arrays.copyOfRange(bytes, 5, bytes.length)), null));

        assertThat(read.get("id").toString()).isEqualTo("p-0001");
        assertThat(read.getSchema().getField("hints")).isNull();
    }

    @Test
    void shouldKeepEveryPreviousVersionFullyCompatibleWithTheCurrentOne() throws IOException {
        Map<String, Schema> schemas = Map.of("PromptEvent", PromptEvent.getClassSchema(),
                "RoutingDecision", RoutingDecision.getClassSchema(), "ArmState", ArmState.getClassSchema(),
                "QuarantineRecord", QuarantineRecord.getClassSchema());
        for (String name : List.of("PromptEvent", "RoutingDecision", "ArmState", "QuarantineRecord")) {
            Schema current = JavaStringProperties.strip(schemas.get(name));
            assertThat(CompatibilityLevel.FULL.incompatibilities(current, List.of(previous(name))))
                    .as(name).isEmpty();
        }
        assertThat(CompatibilityLevel.FULL.incompatibilities(JavaStringProperties.strip(
                RoutingDecision.getClassSchema()), List.of(previous("RoutingDecision", 2)))).isEmpty();
    }

    @Test
    void shouldReadADecisionWrittenBeforeFallbacksWithNoFallbacksAndNoExclusions() throws IOException {
        Schema v2 = previous("RoutingDecision", 2);
        int id = registry.register("decisions-value", v2);
        GenericRecord old = new GenericData.Record(v2);
        RoutingDecision sample = SampleRecords.decision();
        for (Schema.Field field : v2.getFields()) {
            Object value = sample.get(field.name());
            old.put(field.name(), value instanceof java.time.Instant t ? t.toEpochMilli() : value);
        }
        old.put("arms", List.of());

        RoutingDecision decoded = AvroCodec.forValues(RoutingDecision.class, registry)
                .decode("decisions", AvroCodecTest.frame(id, old));

        assertThat(decoded.getProvider()).isEqualTo("provider-b");
        assertThat(decoded.getFallbacks()).isEmpty();
        assertThat(decoded.getExclusions()).isEmpty();
    }

    @Test
    void shouldReadAQuarantineRecordWrittenBeforeRoutingRulesAsAnAnomaly() throws IOException {
        Schema v1 = previous("QuarantineRecord");
        int id = registry.register("quarantine-value", v1);
        GenericRecord prompt = new GenericData.Record(v1.getField("prompt").schema());
        prompt.put("id", "p-old");
        prompt.put("tenant", "acme");
        prompt.put("text", "held before routing rules existed");
        prompt.put("createdAt", 1L);
        GenericRecord old = new GenericData.Record(v1);
        old.put("prompt", prompt);
        old.put("reason", "length_chars z=7.31 exceeds threshold 4.0");
        old.put("anomalyScore", 7.31);
        old.put("threshold", 4.0);
        old.put("features", List.of());
        old.put("baseline", "shipped");
        old.put("quarantinedAt", 2L);

        QuarantineRecord decoded = AvroCodec.forValues(QuarantineRecord.class, registry)
                .decode("quarantine", AvroCodecTest.frame(id, old));

        assertThat(decoded.getAnomalyScore()).isEqualTo(7.31);
        assertThat(decoded.getCause()).isEqualTo("anomaly");
        assertThat(decoded.getExclusions()).isEmpty();
    }

    @Test
    void shouldRefuseToRegisterARequiredFieldWithoutDefault() {
        registry.register("prompts-value", JavaStringProperties.strip(PromptEvent.getClassSchema()));
        Schema breaking = SchemaBuilder.record("PromptEvent").namespace("io.kroute.schemas").fields()
                .requiredString("id").requiredString("tenant").requiredString("text")
                .name("createdAt").type().longType().noDefault()
                .requiredString("priority")
                .endRecord();

        assertThatThrownBy(() -> registry.register("prompts-value", breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                    assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT").contains("priority");
                });
        assertThat(registry.isCompatible("prompts-value", "latest", breaking)).isFalse();
    }

    static Schema previous(String name) throws IOException {
        return previous(name, 1);
    }

    static Schema previous(String name, int version) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(
                "/evolution/" + name + "-v" + version + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
