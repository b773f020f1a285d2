package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledSchemaRegistryTest {
    static final Schema A1 = SchemaBuilder.record("A").fields().requiredString("x").endRecord();
    static final Schema A2 = SchemaBuilder.record("A").fields().requiredString("x").optionalString("y").endRecord();
    static final Schema B = SchemaBuilder.record("B").fields().requiredLong("n").endRecord();

    @TempDir
    Path dir;

    @Test
    void shouldGiveEverySchemaBackItsIdAndVersionAfterARestart() {
        Path journal = dir.resolve("schemas.jsonl");
        int idA1;
        int idB;
        int idA2;
        try (JournaledSchemaRegistry registry = JournaledSchemaRegistry.open(journal)) {
            idA1 = registry.register("a-value", A1);
            idB = registry.register("b-value", B);
            idA2 = registry.register("a-value", A2);
            assertThat(registry.register("a-value", A1)).isEqualTo(idA1);
        }
        try (JournaledSchemaRegistry registry = JournaledSchemaRegistry.open(journal)) {
            assertThat(registry.schemaById(idA1)).isEqualTo(A1);
            assertThat(registry.schemaById(idB)).isEqualTo(B);
            assertThat(registry.schemaById(idA2)).isEqualTo(A2);
            assertThat(registry.versions("a-value")).containsExactly(1, 2);
            assertThat(registry.subjects()).containsExactly("a-value", "b-value");
            // Registering the same schema again writes nothing new.
            registry.register("b-value", B);
        }
        assertThat(lines(journal)).isEqualTo(3);
    }

    @Test
    void shouldIgnoreALastLineCutShortByACrash() throws Exception {
        Path journal = dir.resolve("schemas.jsonl");
        try (JournaledSchemaRegistry registry = JournaledSchemaRegistry.open(journal)) {
            registry.register("a-value", A1);
        }
        Files.writeString(journal, "{\"subject\":\"b-value\",\"sch", StandardOpenOption.APPEND);
        try (JournaledSchemaRegistry registry = JournaledSchemaRegistry.open(journal)) {
            assertThat(registry.subjects()).containsExactly("a-value");
        }
    }

    @Test
    void shouldRefuseAJournalDamagedBeforeItsLastLine() throws Exception {
        Path journal = dir.resolve("schemas.jsonl");
        Files.writeString(journal, "not json\n{\"subject\":\"a-value\",\"schema\":" + JsonText.quote(A1.toString()) + "}\n");
        assertThatThrownBy(() -> JournaledSchemaRegistry.open(journal))
                .hasMessageStartingWith("the schema journal " + journal + " is damaged at line 1");
    }

    private static long lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
