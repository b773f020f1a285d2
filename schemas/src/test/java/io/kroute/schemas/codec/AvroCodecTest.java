package io.kroute.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.SampleRecords;
import io.kroute.schemas.codec.DecodingException.Kind;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldRoundTripEveryRecordType() {
        assertRoundTrip(PromptEvent.class, "prompts", SampleRecords.prompt());
        assertRoundTrip(PromptEvent.class, "prompts", SampleRecords.barePrompt());
        assertRoundTrip(RoutingDecision.class, "decisions", SampleRecords.decision());
        assertRoundTrip(QuarantineRecord.class, "quarantine", SampleRecords.quarantine());
        assertRoundTrip(RewardEvent.class, "rewards", SampleRecords.reward());
        assertRoundTrip(ArmState.class, "arm-state", SampleRecords.armState());
    }

    @Test
    void shouldWriteMagicByteBigEndianSchemaIdAndPlainAvroBody() throws IOException {
        // Occupy ids so the prompt schema gets one whose four bytes all differ from zero-padding.
        for (int i = 0; i < 300; i++) {
            registry.register("filler-" + i, SchemaBuilder.record("Filler" + i).fields().requiredInt("f").endRecord());
        }
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        PromptEvent prompt = SampleRecords.prompt();

        byte[] bytes = codec.encode("prompts", prompt);

        int id = registry.latest("prompts-value").id();
        assertThat(id).isEqualTo(301);
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 1, 45);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(prompt));
        assertThat(WireFormat.schemaId("prompts", bytes)).isEqualTo(301);
    }

    @Test
    void shouldRegisterUnderTopicNameStrategySubjects() {
        AvroCodec.forValues(RewardEvent.class, registry).encode("rewards", SampleRecords.reward());
        AvroCodec.forKeys(PromptEvent.class, registry).encode("prompts", SampleRecords.barePrompt());

        assertThat(registry.subjects()).containsExactly("prompts-key", "rewards-value");
        assertThat(registry.latest("rewards-value").schema())
                .isEqualTo(JavaStringProperties.strip(RewardEvent.getClassSchema()));
    }

    @Test
    void shouldTreatNullAsTombstone() {
        AvroCodec<ArmState> codec = AvroCodec.forValues(ArmState.class, registry);
        assertThat(codec.encode("arm-state", null)).isNull();
        assertThat(codec.decode("arm-state", null)).isNull();
    }

    @Test
    void shouldAskTheRegistryOncePerTopicAndOncePerSchemaId() {
        CountingRegistry counting = new CountingRegistry(registry);
        AvroCodec<RewardEvent> codec = AvroCodec.forValues(RewardEvent.class, counting);

        byte[] first = codec.encode("rewards", SampleRecords.reward());
        byte[] second = codec.encode("rewards", SampleRecords.reward());
        codec.decode("rewards", first);
        codec.decode("rewards", second);
        codec.decode("rewards", first);

        assertThat(counting.registrations).hasValue(1);
        assertThat(counting.schemaByIdCalls).hasValue(1);
    }

    @Test
    void shouldOnlyLookUpWhenAutoRegistrationIsOff() {
        CountingRegistry counting = new CountingRegistry(registry);
        AvroCodec<RewardEvent> codec = AvroCodec.forValues(RewardEvent.class, counting).withAutoRegister(false);

        assertThatThrownBy(() -> codec.encode("rewards", SampleRecords.reward()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not registered under subject 'rewards-value'");
        registry.register("rewards-value", JavaStringProperties.strip(RewardEvent.getClassSchema()));
        byte[] bytes = codec.encode("rewards", SampleRecords.reward());

        assertThat(codec.decode("rewards", bytes)).isEqualTo(SampleRecords.reward());
        assertThat(counting.registrations).hasValue(0);
        assertThat(counting.lookups).hasValue(2);
    }

    @Test
    void shouldRejectRecordsMissingRequiredFieldsWhenEncoding() {
        PromptEvent incomplete = SampleRecords.barePrompt();
        incomplete.setText(null);
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);

        assertThatThrownBy(() -> codec.encode("prompts", incomplete))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot encode PromptEvent for topic 'prompts'");
    }

    @Test
    void shouldRejectEmptyAndShortValuesAsTruncated() {
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        assertDecodingFails(codec, new byte[0], Kind.TRUNCATED, "expected at least 5 bytes", "found 0");
        assertDecodingFails(codec, new byte[] {0, 0, 1}, Kind.TRUNCATED, "found 3");
    }

    @Test
    void shouldRejectUnknownMagicByteAndRecogniseJson() {
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        assertDecodingFails(codec, new byte[] {1, 0, 0, 0, 1, 2}, Kind.UNKNOWN_MAGIC_BYTE, "expected magic byte 0x00, found 0x01");
        assertDecodingFails(codec, "{\"id\":\"p\"}".getBytes(StandardCharsets.UTF_8), Kind.UNKNOWN_MAGIC_BYTE,
                "looks like JSON");
    }

    @Test
    void shouldRejectUnknownSchemaId() {
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        assertDecodingFails(codec, new byte[] {0, 0, 0, 0, 42, 2, 'x'}, Kind.UNKNOWN_SCHEMA_ID, "schema id 42");
    }

    @Test
    void shouldRejectABodyCutShort() {
        AvroCodec<RoutingDecision> codec = AvroCodec.forValues(RoutingDecision.class, registry);
        byte[] bytes = codec.encode("decisions", SampleRecords.decision());
        assertDecodingFails(codec, Arrays.copyOf(bytes, bytes.length - 7), Kind.TRUNCATED, "ends before the record does");
    }

    @Test
    void shouldRejectBytesAfterTheRecord() {
        AvroCodec<RewardEvent> codec = AvroCodec.forValues(RewardEvent.class, registry);
        byte[] bytes = codec.encode("rewards", SampleRecords.reward());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertDecodingFails(codec, longer, Kind.TRAILING_BYTES, "found 3 bytes after it");
    }

    @Test
    void shouldRejectANegativeStringLengthAsMalformed() {
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        byte[] bytes = codec.encode("prompts", SampleRecords.barePrompt());
        bytes[5] = 0x05; // zig-zag -3: the id's length
        assertDecodingFails(codec, bytes, Kind.MALFORMED_PAYLOAD, "does not match the writer's schema");
    }

    @Test
    void shouldRejectInvalidUtf8InsideAString() {
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        byte[] bytes = codec.encode("prompts", SampleRecords.barePrompt());
        // Layout: header, id "p-0002" (length byte + 6), tenant "acme" (1 + 4), text "hi" (1 + 2).
        int text = 5 + 7 + 5 + 1;
        bytes[text] = (byte) 0xc0; // an overlong-form lead byte, never valid
        assertDecodingFails(codec, bytes, Kind.INVALID_UTF8, "invalid byte 0xc0 at offset 0");
    }

    @Test
    void shouldRejectAWriterSchemaThatCannotBeResolved() {
        Schema unrelated = SchemaBuilder.record("PromptEvent").namespace("io.kroute.schemas").fields()
                .requiredInt("id").endRecord();
        int id = registry.register("elsewhere-value", unrelated);
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        byte[] bytes = {0, 0, 0, 0, (byte) id, 2};
        assertDecodingFails(codec, bytes, Kind.INCOMPATIBLE_SCHEMA, "cannot be read as io.kroute.schemas.PromptEvent");
        // The refusal is cached and still explained.
        assertDecodingFails(codec, bytes, Kind.INCOMPATIBLE_SCHEMA, "cannot be read as io.kroute.schemas.PromptEvent");
    }

    @Test
    void shouldSurfaceRegistryFailuresAsRegistryErrorsNotRecordErrors() {
        CountingRegistry failing = new CountingRegistry(registry) {
            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException(0, SchemaRegistryException.UNAVAILABLE, "registry down");
            }
        };
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, failing);
        assertThatThrownBy(() -> codec.decode("prompts", new byte[] {0, 0, 0, 0, 1, 0}))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("registry down");
    }

    @Test
    void shouldDecodeRecordsWrittenByAGenericWriterWithTheSameSchema() throws IOException {
        AvroCodec<RewardEvent> codec = AvroCodec.forValues(RewardEvent.class, registry);
        int id = registry.register("rewards-value", RewardEvent.getClassSchema());
        GenericRecord generic = new GenericData.Record(RewardEvent.getClassSchema());
        generic.put("promptId", "p-9");
        generic.put("provider", "provider-a");
        generic.put("success", false);
        generic.put("latencyMs", 30_000L);
        generic.put("costUsd", 0.0);
        generic.put("qualityScore", null);
        generic.put("observedAt", SampleRecords.CREATED.toEpochMilli());

        RewardEvent decoded = codec.decode("rewards", frame(id, generic));

        assertThat(decoded.getPromptId()).isEqualTo("p-9");
        assertThat(decoded.getSuccess()).isFalse();
        assertThat(decoded.getQualityScore()).isNull();
        assertThat(decoded.getObservedAt()).isEqualTo(SampleRecords.CREATED);
    }

    static byte[] frame(int id, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private <T extends SpecificRecord> void assertRoundTrip(Class<T> type, String topic, T record) {
        AvroCodec<T> codec = AvroCodec.forValues(type, registry);
        T decoded = codec.decode(topic, codec.encode(topic, record));
        assertThat(decoded).isEqualTo(record).isNotSameAs(record);
        // A second codec (another process) reads it too, by schema id alone.
        assertThat(AvroCodec.forValues(type, registry).decode(topic, codec.encode(topic, record))).isEqualTo(record);
    }

    private static byte[] plainAvro(PromptEvent prompt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(PromptEvent.class).write(prompt, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static void assertDecodingFails(AvroCodec<?> codec, byte[] bytes, Kind kind, String... messageParts) {
        assertThatThrownBy(() -> codec.decode("t", bytes))
                .isInstanceOfSatisfying(DecodingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains("topic 't'").contains(messageParts);
                });
    }
}
