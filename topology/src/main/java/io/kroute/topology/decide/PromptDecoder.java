package io.kroute.topology.decide;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.schemas.json.PromptEventJsonDecoder;
import io.kroute.topology.KrouteConfig.PromptFormat;
import java.util.Objects;

/** Turns the bytes of a prompts record into a complete {@link PromptEvent}, or says exactly what is wrong. */
public final class PromptDecoder {

    private final PromptFormat format;
    private final AvroCodec<PromptEvent> avro;
    private final PromptEventJsonDecoder json = new PromptEventJsonDecoder();

    public PromptDecoder(PromptFormat format, AvroCodec<PromptEvent> avro) {
        this.format = Objects.requireNonNull(format, "format");
        this.avro = Objects.requireNonNull(avro, "avro");
    }

    /**
     * @throws DecodingException for bytes that are not a prompt event in the configured format, or one without
     *     an id or tenant
     */
    public PromptEvent decode(String topic, byte[] value) {
        if (value == null) {
            throw new DecodingException(DecodingException.Kind.MISSING_FIELD,
                    "expected a prompt event, found a null value (a tombstone) on topic '" + topic + "'");
        }
        PromptEvent event = format == PromptFormat.JSON ? json.decode(value) : avro.decode(topic, value);
        // Avro cannot express "required and non-empty"; an empty id could never be joined with its reward.
        if (event.getId().isBlank()) {
            throw new DecodingException(DecodingException.Kind.MISSING_FIELD,
                    "expected a prompt event with a non-empty id, found an empty id");
        }
        if (event.getTenant().isBlank()) {
            throw new DecodingException(DecodingException.Kind.MISSING_FIELD,
                    "expected a prompt event with a non-empty tenant, found an empty tenant (prompt " + event.getId() + ")");
        }
        return event;
    }
}
