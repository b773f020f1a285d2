package io.kroute.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A record kroute could not use, as written to {@code dead-letters}: the key and value bytes exactly as
 * received, with headers naming where they came from and what was wrong.
 *
 * @param reason why the record could not be used
 * @param message what was expected and what was found
 */
public record DeadLetter(byte[] key, byte[] value, String sourceTopic, int partition, long offset, Reason reason,
        String message) {

    public static final String HEADER_SOURCE_TOPIC = "kroute.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "kroute.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "kroute.source.offset";
    public static final String HEADER_ERROR_REASON = "kroute.error.reason";
    public static final String HEADER_ERROR_MESSAGE = "kroute.error.message";
    private static final String INTERNAL_TOPIC_SUFFIX = "-repartition";

    public DeadLetter {
        if (reason.destination() != Reason.Destination.DEAD_LETTERS) {
            throw new IllegalArgumentException("dead letter: expected a dead-letter reason, found '" + reason
                    + "' (a " + reason.destination() + " reason)");
        }
    }

    /** The dead letter of the record {@code context} is processing, located by its metadata. */
    public static DeadLetter of(ProcessorContext<?, ?> context, Record<byte[], byte[]> record, Reason reason,
            String message) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        String topic = metadata.map(RecordMetadata::topic).orElse("unknown");
        Headers headers = record.headers();
        if (topic.endsWith(INTERNAL_TOPIC_SUFFIX) && headers != null && headers.lastHeader(HEADER_SOURCE_TOPIC) != null) {
            // Moved by kroute through one of its repartition topics: the place its producer wrote it is what counts.
            return new DeadLetter(record.key(), record.value(), text(headers, HEADER_SOURCE_TOPIC),
                    Integer.parseInt(text(headers, HEADER_SOURCE_PARTITION)),
                    Long.parseLong(text(headers, HEADER_SOURCE_OFFSET)), reason, message);
        }
        return new DeadLetter(record.key(), record.value(), topic, metadata.map(RecordMetadata::partition).orElse(-1),
                metadata.map(RecordMetadata::offset).orElse(-1L), reason, message);
    }

    /** The record to write to {@code dead-letters}: the bytes as received, the original's time and headers. */
    public Record<byte[], byte[]> toRecord(Record<byte[], byte[]> original) {
        return new Record<>(key, value, original.timestamp(), headers(original.headers()));
    }

    /** The headers that travel with the dead letter, added after the record's own. */
    public Headers headers(Headers original) {
        Headers headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        headers.remove(HEADER_SOURCE_TOPIC);
        headers.remove(HEADER_SOURCE_PARTITION);
        headers.remove(HEADER_SOURCE_OFFSET);
        headers.add(HEADER_SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(HEADER_ERROR_REASON, utf8(reason.key()));
        headers.add(HEADER_ERROR_MESSAGE, utf8(message));
        return headers;
    }

    /**
     * The record as kroute moves it through one of its repartition topics: with headers naming where its producer
     * wrote it, so a dead letter made of it later names that place.
     */
    public static <K, V> Record<K, V> moved(ProcessorContext<?, ?> context, Record<K, V> record) {
        Headers headers = new RecordHeaders(record.headers() == null ? new RecordHeaders().toArray()
                : record.headers().toArray());
        context.recordMetadata().ifPresent(metadata -> {
            headers.remove(HEADER_SOURCE_TOPIC);
            headers.remove(HEADER_SOURCE_PARTITION);
            headers.remove(HEADER_SOURCE_OFFSET);
            headers.add(HEADER_SOURCE_TOPIC, utf8(metadata.topic()));
            headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(metadata.partition())));
            headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(metadata.offset())));
        });
        return record.withHeaders(headers);
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
