package io.kroute.topology;

import io.kroute.schemas.codec.DecodingException;
import java.util.Locale;

/**
 * Every reason kroute holds a prompt in {@code quarantine} or sends a record to {@code dead-letters}, in one place.
 * The {@link #key()} is the stable category written to the {@code kroute.error.reason} header and used as the
 * metrics' {@code reason} tag; the record's message says what was expected and what was found. A new reason is one
 * more constant here and a row in the table of reasons in {@code docs/schemas.md}.
 */
public enum Reason {

    // Records that cannot be decoded, prompts and rewards alike: one per kind of decoding error.
    TRUNCATED(Destination.DEAD_LETTERS),
    UNKNOWN_MAGIC_BYTE(Destination.DEAD_LETTERS),
    UNKNOWN_SCHEMA_ID(Destination.DEAD_LETTERS),
    INCOMPATIBLE_SCHEMA(Destination.DEAD_LETTERS),
    MALFORMED_PAYLOAD(Destination.DEAD_LETTERS),
    TRAILING_BYTES(Destination.DEAD_LETTERS),
    INVALID_UTF8(Destination.DEAD_LETTERS),
    INVALID_JSON(Destination.DEAD_LETTERS),
    MISSING_FIELD(Destination.DEAD_LETTERS),
    INVALID_FIELD(Destination.DEAD_LETTERS),
    TOO_DEEP(Destination.DEAD_LETTERS),

    // Rewards that are well formed but may update no arm.
    /** No decision is known for the reward's prompt id. */
    UNMATCHED(Destination.DEAD_LETTERS),
    /** The reward came after its decision's window closed. */
    LATE(Destination.DEAD_LETTERS),
    /** The reward names a provider that is neither the one the decision chose nor one of its fallbacks. */
    PROVIDER_MISMATCH(Destination.DEAD_LETTERS),
    /** The reward's values cannot be turned into a reward in [0, 1]. */
    INVALID_REWARD(Destination.DEAD_LETTERS),

    // Prompts held instead of routed.
    /** A prompt feature's z-score exceeds the anomaly threshold. */
    ANOMALY(Destination.QUARANTINE),
    /** The prompt is longer than {@code maxPromptChars}: held before it is classified or screened. */
    OVERSIZE(Destination.QUARANTINE),
    /** The routing rules let no provider serve the prompt (the record names each provider's rule). */
    NO_ELIGIBLE_PROVIDER(Destination.QUARANTINE);

    /** Where a record held or refused for this reason goes. */
    public enum Destination {
        QUARANTINE,
        DEAD_LETTERS
    }

    private final Destination destination;
    private final String key;

    Reason(Destination destination) {
        this.destination = destination;
        this.key = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Destination destination() {
        return destination;
    }

    /** The stable category, e.g. {@code missing-field}, {@code late}, {@code anomaly}. */
    public String key() {
        return key;
    }

    /** The reason a record that cannot be decoded is dead-lettered with. */
    public static Reason of(DecodingException.Kind kind) {
        return switch (kind) {
            case TRUNCATED -> TRUNCATED;
            case UNKNOWN_MAGIC_BYTE -> UNKNOWN_MAGIC_BYTE;
            case UNKNOWN_SCHEMA_ID -> UNKNOWN_SCHEMA_ID;
            case INCOMPATIBLE_SCHEMA -> INCOMPATIBLE_SCHEMA;
            case MALFORMED_PAYLOAD -> MALFORMED_PAYLOAD;
            case TRAILING_BYTES -> TRAILING_BYTES;
            case INVALID_UTF8 -> INVALID_UTF8;
            case INVALID_JSON -> INVALID_JSON;
            case MISSING_FIELD -> MISSING_FIELD;
            case INVALID_FIELD -> INVALID_FIELD;
            case TOO_DEEP -> TOO_DEEP;
        };
    }

    @Override
    public String toString() {
        return key;
    }
}
