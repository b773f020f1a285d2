package io.kroute.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A record kroute could not use, as written to {@code dead-letters}: the key and value bytes exactly as
 * received, with headers naming where they came from and what was wrong.
 *
 * @param reason short stable category (for metrics and filtering), e.g. {@code truncated}, {@code unmatched}
 * @param message what was expected and what was found
 */
public record DeadLetter(byte[] key, byte[] value, String sourceTopic, int partition, long offset, String reason,
        String message) {

    public static final String HEADER_SOURCE_TOPIC = "kroute.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "kroute.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "kroute.source.offset";
    public static final String HEADER_ERROR_REASON = "kroute.error.reason";
    public static final String HEADER_ERROR_MESSAGE = "kroute.error.message";

    /** A dead letter for the record being processed, located by its metadata (absent in punctuations). */
    public static DeadLetter of(Optional<RecordMetadata> metadata, byte[] key, byte[] value, String reason,
            String message) {
        String topic = metadata.map(RecordMetadata::topic).orElse("unknown");
        int partition = metadata.map(RecordMetadata::partition).orElse(-1);
        long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
        return new DeadLetter(key, value, topic, partition, offset, reason, message);
    }

    /** The headers that travel with the dead letter, added after the record's own. */
    public Headers headers(Headers original) {
        Headers headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        headers.add(HEADER_SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(HEADER_ERROR_REASON, utf8(reason));
        headers.add(HEADER_ERROR_MESSAGE, utf8(message));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
