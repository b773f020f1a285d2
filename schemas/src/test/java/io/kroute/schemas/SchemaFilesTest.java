package io.kroute.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import io.kroute.schemas.codec.JavaStringProperties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class SchemaFilesTest {

    private static final List<String> FILES = List.of("PromptEvent", "ProviderExclusion", "RoutingDecision", "QuarantineRecord",
            "RewardEvent", "ArmState");

    @Test
    void shouldDocumentEveryRecordAndField() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (Class<?> type : RecordClasses.ALL) {
            Schema schema = SpecificData.get().getSchema(type);
            if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                undocumented.add(schema.getFullName());
            }
            schema.getFields().stream().filter(f -> f.doc() == null || f.doc().isBlank())
                    .forEach(f -> undocumented.add(schema.getFullName() + "." + f.name()));
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldShipTheAvscFilesMatchingTheGeneratedClasses() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String name : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/io/kroute/schemas/avro/" + name + ".avsc")) {
                assertThat(in).as(name + ".avsc on the class path").isNotNull();
                Schema shipped = parser.parse(in);
                assertThat(shipped.getNamespace()).isEqualTo("io.kroute.schemas");
                Schema generated = SpecificData.get().getSchema(RecordClasses.forFullName(shipped.getFullName()));
                assertThat(JavaStringProperties.strip(generated)).isEqualTo(shipped);
                assertThat(JavaStringProperties.strip(generated).toString()).doesNotContain("avro.java.string");
            }
        }
    }

    @Test
    void shouldMakeAvroTrustTheGeneratedClasses() throws IOException {
        RecordClasses.trust();
        for (Class<?> type : RecordClasses.ALL) {
            ClassSecurityValidator.validate(type);
        }
        // Avro's own decoders, which resolve classes by name, now work without any system property.
        PromptEvent prompt = SampleRecords.prompt();
        assertThat(PromptEvent.fromByteBuffer(prompt.toByteBuffer())).isEqualTo(prompt);
        assertThat(new SpecificDatumReader<>(QuarantineRecord.class)).isNotNull();
    }

    @Test
    void shouldKeepPreviouslyTrustedClassesWhenTrusting() {
        RecordClasses.trust();
        RecordClasses.trust();
        ClassSecurityValidator.validate(String.class);
        ClassSecurityValidator.validate(java.math.BigDecimal.class);
    }
}
