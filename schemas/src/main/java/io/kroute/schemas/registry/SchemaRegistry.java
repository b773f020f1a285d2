package io.kroute.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of Confluent Schema Registry's model that kroute uses. Ids are global (one id per distinct
 * schema, shared by every subject that registers it); versions count from 1 within a subject.
 * Failures are {@link SchemaRegistryException}s carrying Confluent's error codes.
 */
public interface SchemaRegistry {

    /** The {@code version} argument that means "the newest version of the subject". */
    String LATEST = "latest";

    /**
     * Registers {@code schema} under {@code subject} and returns its global id. Registering a schema the
     * subject already has returns the existing id; a schema incompatible with the subject fails with
     * error code {@value SchemaRegistryException#INCOMPATIBLE_SCHEMA}.
     */
    int register(String subject, Schema schema);

    /** The schema with this global id; error code {@value SchemaRegistryException#SCHEMA_NOT_FOUND} when unknown. */
    Schema schemaById(int id);

    /** The version of {@code subject} holding exactly {@code schema}; empty when the subject or the schema is not there. */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /** The newest version of a subject. */
    RegisteredSchema latest(String subject);

    /** One version of a subject. */
    RegisteredSchema version(String subject, int version);

    /** Every subject, sorted. */
    List<String> subjects();

    /** The versions of a subject, ascending. */
    List<Integer> versions(String subject);

    /**
     * Whether {@code schema} could be registered under {@code subject} as checked against {@code version}
     * (a number or {@link #LATEST}), under the registry's compatibility level.
     */
    boolean isCompatible(String subject, String version, Schema schema);
}
