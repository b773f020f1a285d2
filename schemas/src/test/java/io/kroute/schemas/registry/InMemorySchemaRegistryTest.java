package io.kroute.schemas.registry;

import static io.kroute.schemas.registry.RegistryFixtures.BREAKS_V2;
import static io.kroute.schemas.registry.RegistryFixtures.V1;
import static io.kroute.schemas.registry.RegistryFixtures.V2;
import static io.kroute.schemas.registry.RegistryFixtures.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldNumberVersionsPerSubjectAndShareIdsAcrossSubjects() {
        int v1 = registry.register("things-value", V1);
        int v2 = registry.register("things-value", V2);
        int sameAsV1 = registry.register("other-value", V1);

        assertThat(v1).isEqualTo(1);
        assertThat(v2).isEqualTo(2);
        assertThat(sameAsV1).isEqualTo(v1);
        assertThat(registry.versions("things-value")).containsExactly(1, 2);
        assertThat(registry.versions("other-value")).containsExactly(1);
        assertThat(registry.latest("things-value")).isEqualTo(new RegisteredSchema("things-value", 2, 2, V2));
        assertThat(registry.version("things-value", 1).schema()).isEqualTo(V1);
        assertThat(registry.subjects()).containsExactly("other-value", "things-value");
        assertThat(registry.schemaById(2)).isEqualTo(V2);
    }

    @Test
    void shouldReturnTheExistingIdWhenRegisteringTheSameSchemaAgain() {
        registry.register("things-value", V1);
        registry.register("things-value", V2);

        assertThat(registry.register("things-value", V1)).isEqualTo(1);
        assertThat(registry.versions("things-value")).containsExactly(1, 2);
    }

    @Test
    void shouldRejectIncompatibleSchemasUnderBackwardByDefault() {
        registry.register("things-value", V2);

        assertThat(registry.compatibilityLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThatThrownBy(() -> registry.register("things-value", BREAKS_V2))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("things-value").contains("weight");
                });
        assertThat(registry.versions("things-value")).containsExactly(1);
    }

    @Test
    void shouldAcceptAnythingUnderNone() {
        registry.setCompatibilityLevel("things-value", CompatibilityLevel.NONE);
        registry.register("things-value", V2);

        assertThat(registry.register("things-value", BREAKS_V2)).isEqualTo(2);
        assertThat(registry.compatibilityLevel("other")).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldCheckEveryVersionUnderTransitiveLevels() {
        Schema onlyWeight = SchemaBuilder.record("Thing").namespace("io.kroute.test").fields()
                .name("name").type().stringType().stringDefault("").name("weight").type().longType().longDefault(0)
                .endRecord();
        Schema requiresName = SchemaBuilder.record("Thing").namespace("io.kroute.test").fields()
                .requiredString("name").name("weight").type().longType().longDefault(0).endRecord();
        registry.setCompatibilityLevel(CompatibilityLevel.FORWARD_TRANSITIVE);
        registry.register("s", V2);
        registry.register("s", onlyWeight); // V2 readers can read it (size defaults), so forward-compatible

        // Readers of V2 and of onlyWeight can read requiresName data, so this passes transitively too.
        assertThat(registry.isCompatible("s", "latest", requiresName)).isTrue();
        // A record without "name" cannot be read by V2 (first version), which only transitive checks see.
        Schema noName = SchemaBuilder.record("Thing").namespace("io.kroute.test").fields()
                .name("weight").type().longType().longDefault(0).endRecord();
        assertThat(registry.isCompatible("s", "latest", noName)).isFalse();
        registry.setCompatibilityLevel(CompatibilityLevel.FORWARD);
        assertThat(registry.isCompatible("s", "latest", noName)).isTrue();
    }

    @Test
    void shouldUseConfluentErrorCodesForWhatIsMissing() {
        registry.register("things-value", V1);

        assertErrorCode(() -> registry.latest("nope"), 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertErrorCode(() -> registry.version("things-value", 7), 404, SchemaRegistryException.VERSION_NOT_FOUND);
        assertErrorCode(() -> registry.schemaById(99), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertErrorCode(() -> registry.isCompatible("things-value", "first", V1), 422, SchemaRegistryException.INVALID_VERSION);
        assertErrorCode(() -> registry.isCompatible("nope", "latest", V1), 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
    }

    @Test
    void shouldLookUpOnlySchemasRegisteredInTheSubject() {
        registry.register("things-value", V1);

        assertThat(registry.lookup("things-value", V1)).contains(new RegisteredSchema("things-value", 1, 1, V1));
        assertThat(registry.lookup("things-value", V2)).isEmpty();
        assertThat(registry.lookup("nope", V1)).isEmpty();
    }

    @Test
    void shouldShareOneRegistryPerMockScope() {
        SchemaRegistry first = SchemaRegistries.connect("mock://evolution-scope");
        SchemaRegistry second = SchemaRegistries.connect("mock://evolution-scope");
        SchemaRegistry other = SchemaRegistries.connect("mock://another-scope");
        try {
            int id = first.register("things-value", V1);

            assertThat(second.schemaById(id)).isEqualTo(V1);
            assertThat(other.subjects()).isEmpty();
            SchemaRegistries.dropMockScope("evolution-scope");
            assertThat(SchemaRegistries.connect("mock://evolution-scope").subjects()).isEmpty();
        } finally {
            SchemaRegistries.dropMockScope("evolution-scope");
            SchemaRegistries.dropMockScope("another-scope");
        }
    }

    @Test
    void shouldRejectBlankSubjects() {
        assertThatThrownBy(() -> registry.register(" ", V1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a subject name");
    }
}
