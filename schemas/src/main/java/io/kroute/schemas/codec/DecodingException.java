package io.kroute.schemas.codec;

/**
 * A record that cannot be decoded: the bytes themselves are wrong, so retrying will not help. Callers send
 * such records to a dead-letter topic with {@link #kind()} and the message. Problems with the schema
 * registry itself (unreachable, unauthorized) are not decoding errors; they surface as
 * {@link io.kroute.schemas.registry.SchemaRegistryException}.
 */
public final class DecodingException extends RuntimeException {

    /** What was wrong with the bytes. */
    public enum Kind {
        /** Fewer bytes than the format needs (a cut-off header or Avro body). */
        TRUNCATED,
        /** The first byte is not the Confluent wire format's magic byte 0. */
        UNKNOWN_MAGIC_BYTE,
        /** The schema id in the header is not known to the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The writer's schema cannot be read with the reader's schema. */
        INCOMPATIBLE_SCHEMA,
        /** The Avro body does not match the writer's schema (bad lengths, union indexes, ...). */
        MALFORMED_PAYLOAD,
        /** Bytes remain after the record was read completely. */
        TRAILING_BYTES,
        /** A string is not valid UTF-8. */
        INVALID_UTF8,
        /** The JSON text is not well-formed. */
        INVALID_JSON,
        /** A required field is absent or null. */
        MISSING_FIELD,
        /** A field has the wrong JSON type or an invalid value. */
        INVALID_FIELD,
        /** The JSON nests deeper than allowed. */
        TOO_DEEP
    }

    private final Kind kind;

    public DecodingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DecodingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
