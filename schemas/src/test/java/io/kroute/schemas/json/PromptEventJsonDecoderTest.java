package io.kroute.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.schemas.codec.DecodingException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptEventJsonDecoderTest {

    private final PromptEventJsonDecoder decoder = new PromptEventJsonDecoder();

    @Test
    void shouldDecodeTheMinimalEvent() {
        PromptEvent event = decode("{\"id\":\"p-1\",\"tenant\":\"acme\",\"text\":\"Write a haiku\",\"createdAt\":1767225600000}");

        assertThat(event.getId()).isEqualTo("p-1");
        assertThat(event.getTenant()).isEqualTo("acme");
        assertThat(event.getText()).isEqualTo("Write a haiku");
        assertThat(event.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1767225600000L));
        assertThat(event.getHints()).isNull();
        assertThat(event.getMetadata()).isNull();
    }

    @Test
    void shouldDecodeIsoInstantsHintsMetadataAndIgnoreUnknownMembers() {
        PromptEvent event = decode("{\"createdAt\":\"2026-01-01T01:00:00+01:00\",\"text\":\"\\u00e9t\u00e9 🙂\","
                + "\"tenant\":\"t\",\"id\":\"p\",\"hints\":{\"maxLatencyMs\":2000,\"stream\":true,\"model\":\"x\"},"
                + "\"metadata\":null,\"extra\":{\"nested\":[1,2,{\"a\":null}]}}");

        assertThat(event.getCreatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(event.getText()).isEqualTo("été 🙂");
        assertThat(event.getHints()).containsExactly(Map.entry("maxLatencyMs", "2000"), Map.entry("stream", "true"),
                Map.entry("model", "x"));
        assertThat(event.getMetadata()).isNull();
    }

    @Test
    void shouldNameEveryMissingField() {
        assertFails("{\"text\":\"hi\"}", Kind.MISSING_FIELD, "found no id, no tenant, no createdAt");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":null,\"createdAt\":1}", Kind.MISSING_FIELD,
                "expected 'text' to be a string, found null");
    }

    @Test
    void shouldExplainMistypedFields() {
        assertFails("{\"id\":7,\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1}", Kind.INVALID_FIELD,
                "expected 'id' to be a string, found an integer");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":[\"x\"],\"createdAt\":1}", Kind.INVALID_FIELD,
                "expected 'text' to be a string, found an array");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1.5}", Kind.INVALID_FIELD,
                "found a decimal number 1.5");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":\"yesterday\"}", Kind.INVALID_FIELD,
                "ISO-8601 instant, found 'yesterday'");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":99999999999999999999}", Kind.INVALID_FIELD,
                "out-of-range number");
        assertFails("{\"id\":\" \",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1}", Kind.INVALID_FIELD,
                "expected 'id' to be a non-empty string");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1,\"hints\":[\"fast\"]}", Kind.INVALID_FIELD,
                "expected 'hints' to be an object of strings, found an array");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1,\"metadata\":{\"a\":{\"b\":1}}}",
                Kind.INVALID_FIELD, "expected 'metadata.a' to be a string, number or boolean, found an object");
    }

    @Test
    void shouldRejectMalformedJson() {
        assertFails("", Kind.INVALID_JSON, "expected a JSON object, found no content");
        assertFails("[1]", Kind.INVALID_JSON, "expected a JSON object, found an array");
        assertFails("{\"id\":\"p\",", Kind.INVALID_JSON, "expected well-formed JSON");
        assertFails("{\"id\":\"p\",\"id\":\"q\"}", Kind.INVALID_JSON, "Duplicate field 'id'");
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1} {}", Kind.INVALID_JSON,
                "expected the end of input after the prompt event object, found an object");
    }

    @Test
    void shouldRejectInvalidUtf8WithItsOffset() {
        byte[] bytes = "{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"caf__\",\"createdAt\":1}".getBytes(StandardCharsets.US_ASCII);
        int at = new String(bytes, StandardCharsets.US_ASCII).indexOf("__");
        bytes[at] = (byte) 0xc3; // a two-byte lead ...
        bytes[at + 1] = (byte) 0x28; // ... followed by a non-continuation byte
        assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOfSatisfying(DecodingException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.INVALID_UTF8);
            assertThat(e.getMessage()).contains("invalid byte 0xc3 at offset " + at);
        });
    }

    @Test
    void shouldRejectUnpairedSurrogateEscapes() {
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"a\\ud800b\",\"createdAt\":1}", Kind.INVALID_UTF8,
                "unpaired surrogate \\ud800 at character 1");
    }

    @Test
    void shouldRejectAbsurdNesting() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertFails("{\"id\":\"p\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1,\"extra\":" + deep + "}", Kind.TOO_DEEP,
                "nesting depth");
    }

    @Test
    void shouldRejectANullValue() {
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(DecodingException.class)
                .hasMessageContaining("found a null value");
    }

    private PromptEvent decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertFails(String json, Kind kind, String messagePart) {
        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(DecodingException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
