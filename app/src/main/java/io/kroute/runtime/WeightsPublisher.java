package io.kroute.runtime;

import io.kroute.topology.KrouteTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes a weight file to the {@code weights} topic, keyed by model name, within the topic's size limit. */
public final class WeightsPublisher {
    /** Record headers, key and batch framing on top of the file itself. */
    static final int RECORD_OVERHEAD_BYTES = 1024;
    private static final long TIMEOUT_SECONDS = 60;

    private WeightsPublisher() {
    }

    /** Where a published file landed. */
    public record Published(String topic, int partition, long offset, int maxMessageBytes) {
    }

    /**
     * @param kafka client properties (bootstrap servers, security, ...)
     * @param createIfMissing create the topic with kroute's settings when it does not exist
     */
    public static Published publish(Map<String, Object> kafka, String topic, String modelName, byte[] file,
            boolean createIfMissing, int maxMessageBytesIfCreated, int partitionsIfCreated) {
        try (Admin admin = Admin.create(kafka)) {
            Optional<Integer> limit = topicMaxMessageBytes(admin, topic);
            if (limit.isEmpty()) {
                if (!createIfMissing) {
                    throw new IllegalStateException("topic " + topic + " does not exist and topic creation is off");
                }
                TopicSpec spec = TopicLayout.specs(partitionsIfCreated, maxMessageBytesIfCreated).stream()
                        .filter(s -> s.name().equals(KrouteTopics.WEIGHTS)).findFirst().orElseThrow();
                TopicCreator.createMissing(admin, List.of(new TopicSpec(topic, spec.partitions(),
                        spec.configs())), Optional.empty());
                limit = topicMaxMessageBytes(admin, topic);
            }
            int maxMessageBytes = limit.orElseThrow(() -> new IllegalStateException("topic " + topic
                    + " was created but cannot be described"));
            if ((long) file.length + RECORD_OVERHEAD_BYTES > maxMessageBytes) {
                throw new IllegalArgumentException("the weight file is " + file.length + " bytes but topic " + topic
                        + " accepts messages of at most " + maxMessageBytes + " bytes (max.message.bytes, less "
                        + RECORD_OVERHEAD_BYTES + " bytes of record overhead); raise the topic's max.message.bytes");
            }
            Map<String, Object> producerConfig = new HashMap<>(kafka);
            producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, file.length + RECORD_OVERHEAD_BYTES);
            producerConfig.put(ProducerConfig.BUFFER_MEMORY_CONFIG,
                    Math.max(32L << 20, 2L * (file.length + RECORD_OVERHEAD_BYTES)));
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new ByteArraySerializer())) {
                RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, modelName, file))
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return new Published(topic, metadata.partition(), metadata.offset(), maxMessageBytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("publishing to " + topic + " timed out after " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The topic's {@code max.message.bytes}, or empty when the topic does not exist. */
    static Optional<Integer> topicMaxMessageBytes(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(Set.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource);
            ConfigEntry entry = config.get("max.message.bytes");
            return Optional.of(Integer.parseInt(entry.value()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
