package io.kroute.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.schemas.codec.DecodingException.Kind;
import io.kroute.schemas.codec.Utf8Validator;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a {@link PromptEvent} sent as JSON, for producers that do not speak Avro:
 * <pre>{"id": "p-1", "tenant": "acme", "text": "...", "createdAt": 1767225600000,
 *  "hints": {"maxLatencyMs": "2000"}, "metadata": {"trace": "abc"}}</pre>
 * {@code createdAt} is milliseconds since the epoch or an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}).
 * {@code hints} and {@code metadata} are optional objects whose values are strings, numbers or booleans
 * (kept as their JSON text). Unknown members are ignored so producers can add fields. Anything else is
 * refused with a {@link DecodingException} naming the field, what was expected and what was found.
 * Thread-safe.
 */
public final class PromptEventJsonDecoder {

    /** Deeper JSON than this is refused before it is parsed further; a prompt event needs depth 2. */
    public static final int MAX_NESTING_DEPTH = 32;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public PromptEvent decode(byte[] bytes) {
        if (bytes == null) {
            throw new DecodingException(Kind.INVALID_JSON, "expected a JSON prompt event, found a null value");
        }
        int bad = Utf8Validator.firstInvalidOffset(bytes, 0, bytes.length);
        if (bad >= 0) {
            throw new DecodingException(Kind.INVALID_UTF8, "expected UTF-8 JSON, found invalid byte 0x"
                    + String.format("%02x", bytes[bad] & 0xff) + " at offset " + bad);
        }
        try (JsonParser parser = factory.createParser(bytes)) {
            return read(parser);
        } catch (StreamConstraintsException e) {
            Kind kind = e.getOriginalMessage().contains("nesting depth") ? Kind.TOO_DEEP : Kind.INVALID_FIELD;
            throw new DecodingException(kind, "prompt event JSON exceeds a limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new DecodingException(Kind.INVALID_JSON, "expected well-formed JSON, found an error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DecodingException(Kind.INVALID_JSON, "cannot read prompt event JSON: " + e.getMessage(), e);
        }
    }

    private PromptEvent read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new DecodingException(Kind.INVALID_JSON, "expected a JSON object, found "
                    + (first == null ? "no content" : describe(first)));
        }
        PromptEvent.Builder event = PromptEvent.newBuilder().setHints(null).setMetadata(null);
        String id = null;
        String tenant = null;
        String text = null;
        Instant createdAt = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = nonBlank(field, string(parser, field, value));
                case "tenant" -> tenant = nonBlank(field, string(parser, field, value));
                case "text" -> text = string(parser, field, value);
                case "createdAt" -> createdAt = instant(parser, value);
                case "hints" -> event.setHints(stringMap(parser, field, value));
                case "metadata" -> event.setMetadata(stringMap(parser, field, value));
                default -> parser.skipChildren();
            }
        }
        JsonToken after = parser.nextToken();
        if (after != null) {
            throw new DecodingException(Kind.INVALID_JSON, "expected the end of input after the prompt event object, found "
                    + describe(after));
        }
        List<String> missing = new ArrayList<>();
        if (id == null) {
            missing.add("id");
        }
        if (tenant == null) {
            missing.add("tenant");
        }
        if (text == null) {
            missing.add("text");
        }
        if (createdAt == null) {
            missing.add("createdAt");
        }
        if (!missing.isEmpty()) {
            throw new DecodingException(Kind.MISSING_FIELD, "expected the prompt event fields id, tenant, text and "
                    + "createdAt, found no " + String.join(", no ", missing));
        }
        return event.setId(id).setTenant(tenant).setText(text).setCreatedAt(createdAt).build();
    }

    private static String string(JsonParser parser, String field, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            throw new DecodingException(Kind.MISSING_FIELD, "expected '" + field + "' to be a string, found null");
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new DecodingException(Kind.INVALID_FIELD, "expected '" + field + "' to be a string, found "
                    + describe(value));
        }
        return checkSurrogates(field, parser.getText());
    }

    private static String nonBlank(String field, String value) {
        if (value.isBlank()) {
            throw new DecodingException(Kind.INVALID_FIELD, "expected '" + field + "' to be a non-empty string, found '"
                    + value + "'");
        }
        return value;
    }

    private static Instant instant(JsonParser parser, JsonToken value) throws IOException {
        String expected = "expected 'createdAt' as milliseconds since the epoch (an integer) or an ISO-8601 instant, found ";
        if (value == JsonToken.VALUE_NULL) {
            throw new DecodingException(Kind.MISSING_FIELD, expected + "null");
        }
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new DecodingException(Kind.INVALID_FIELD, expected + "the out-of-range number " + parser.getText());
            }
            return Instant.ofEpochMilli(parser.getLongValue());
        }
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new DecodingException(Kind.INVALID_FIELD, expected + "'" + text + "'", e);
            }
        }
        throw new DecodingException(Kind.INVALID_FIELD, expected + describe(value)
                + (value == JsonToken.VALUE_NUMBER_FLOAT ? " " + parser.getText() : ""));
    }

    private static Map<String, String> stringMap(JsonParser parser, String field, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            throw new DecodingException(Kind.INVALID_FIELD, "expected '" + field + "' to be an object of strings, found "
                    + describe(value));
        }
        Map<String, String> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = checkSurrogates(field, parser.currentName());
            JsonToken entry = parser.nextToken();
            switch (entry) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        map.put(key, checkSurrogates(field + "." + key, parser.getText()));
                default -> throw new DecodingException(Kind.INVALID_FIELD, "expected '" + field + "." + key
                        + "' to be a string, number or boolean, found " + describe(entry));
            }
        }
        return map;
    }

    /** A JSON \\ud800 escape yields a lone surrogate, which Avro would silently write as '?'. */
    private static String checkSurrogates(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new DecodingException(Kind.INVALID_UTF8, "expected '" + field + "' to be valid Unicode, found an "
                        + "unpaired surrogate \\u" + String.format("%04x", (int) c) + " at character " + i);
            }
        }
        return value;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }
}
