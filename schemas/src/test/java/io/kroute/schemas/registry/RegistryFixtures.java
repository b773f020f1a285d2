package io.kroute.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Schemas and assertions shared by the registry's tests here and the served registry's tests in the application. */
public final class RegistryFixtures {

    public static final Schema V1 = SchemaBuilder.record("Thing").namespace("io.kroute.test").fields()
            .requiredString("name").endRecord();
    /** V1 plus a field with a default: backward compatible. */
    public static final Schema V2 = SchemaBuilder.record("Thing").namespace("io.kroute.test").fields()
            .requiredString("name").name("size").type().intType().intDefault(0).endRecord();
    /** A required field without a default: breaks backward compatibility with V2. */
    public static final Schema BREAKS_V2 = SchemaBuilder.record("Thing").namespace("io.kroute.test").fields()
            .requiredString("name").requiredInt("size").requiredLong("weight").endRecord();

    private RegistryFixtures() {
    }

    public static void assertErrorCode(Runnable call, int status, int errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.errorCode()).isEqualTo(errorCode);
        });
    }
}
