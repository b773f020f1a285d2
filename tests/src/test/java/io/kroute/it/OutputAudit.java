package io.kroute.it;

import io.kroute.topology.DeadLetter;
import io.kroute.topology.KrouteTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads everything kroute wrote to {@code decisions}, {@code quarantine} and {@code dead-letters} from the
 * beginning, with {@code read_committed} (what a downstream consumer sees under exactly-once), and counts it per
 * record key: how many decisions and quarantine records each prompt id got, and the reason of every dead letter.
 */
public final class OutputAudit implements AutoCloseable {
    /** One dead letter: the key it was received with, its source topic and reason. */
    public record Letter(String key, String sourceTopic, String reason, String message, byte[] value) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Integer> decisions = new HashMap<>();
    private final Map<String, Integer> quarantined = new HashMap<>();
    private final List<Letter> deadLetters = new ArrayList<>();
    private final Map<String, byte[]> lastDecision = new HashMap<>();

    public OutputAudit(String bootstrapServers) {
        this(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** @param clientProperties connection settings (bootstrap servers, security) */
    public OutputAudit(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("max.partition.fetch.bytes", 16 << 20);
        props.put("fetch.max.bytes", 64 << 20);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(KrouteTopics.DECISIONS, KrouteTopics.QUARANTINE, KrouteTopics.DEAD_LETTERS)) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Reads until {@code done} holds and every partition has been read to its last committed offset, so that a
     * duplicate written after the expected records would still be seen; fails after {@code bound}.
     */
    public OutputAudit readUntil(String what, Duration bound, Predicate<OutputAudit> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            poll();
            if (done.test(this) && caughtUp()) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + bound.toSeconds() + " s for " + what + "; read so far: "
                        + summary());
            }
        }
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            switch (record.topic()) {
                case KrouteTopics.DECISIONS -> {
                    decisions.merge(key, 1, Integer::sum);
                    lastDecision.put(key, record.value());
                }
                case KrouteTopics.QUARANTINE -> quarantined.merge(key, 1, Integer::sum);
                default -> deadLetters.add(new Letter(key, header(record, DeadLetter.HEADER_SOURCE_TOPIC),
                        header(record, DeadLetter.HEADER_ERROR_REASON), header(record, DeadLetter.HEADER_ERROR_MESSAGE),
                        record.value()));
            }
        }
    }

    private boolean caughtUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Decisions per prompt id. */
    public Map<String, Integer> decisions() {
        return decisions;
    }

    /** Quarantine records per prompt id. */
    public Map<String, Integer> quarantined() {
        return quarantined;
    }

    public List<Letter> deadLetters() {
        return deadLetters;
    }

    /** The value of the last decision read for {@code promptId}. */
    public byte[] decisionValue(String promptId) {
        return lastDecision.get(promptId);
    }

    /** Outputs (decisions plus quarantine records) of one prompt. */
    public int outputsOf(String promptId) {
        return decisions.getOrDefault(promptId, 0) + quarantined.getOrDefault(promptId, 0);
    }

    /** How many of {@code ids} have at least one output. */
    public long answered(Collection<String> ids) {
        return ids.stream().filter(id -> outputsOf(id) > 0).count();
    }

    public long deadLettersFrom(String sourceTopic) {
        return deadLetters.stream().filter(l -> sourceTopic.equals(l.sourceTopic())).count();
    }

    /**
     * The exactly-once figures for the prompts {@code ids}: decided, quarantined, duplicated (outputs beyond the
     * first) and lost (no output at all).
     */
    public Map<String, Long> tally(Collection<String> ids) {
        long decided = 0;
        long held = 0;
        long duplicated = 0;
        long lost = 0;
        for (String id : ids) {
            int d = decisions.getOrDefault(id, 0);
            int q = quarantined.getOrDefault(id, 0);
            decided += Math.min(d, 1);
            held += d == 0 ? Math.min(q, 1) : 0;
            duplicated += Math.max(0, d + q - 1);
            lost += d + q == 0 ? 1 : 0;
        }
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        result.put("sent", (long) ids.size());
        result.put("decided", decided);
        result.put("quarantined", held);
        result.put("duplicated", duplicated);
        result.put("lost", lost);
        return result;
    }

    /** Dead letters by reason. */
    public Map<String, Long> reasons() {
        Map<String, Long> result = new TreeMap<>();
        deadLetters.forEach(l -> result.merge(String.valueOf(l.reason()), 1L, Long::sum));
        return result;
    }

    private String summary() {
        return decisions.size() + " prompts with decisions, " + quarantined.size() + " quarantined, "
                + deadLetters.size() + " dead letters";
    }

    @Override
    public void close() {
        consumer.close();
    }
}
