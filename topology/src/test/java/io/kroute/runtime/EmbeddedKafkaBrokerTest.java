package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDataFolder() throws Exception {
        List<TopicSpec> specs = KrouteTopics.specs(2, 2 * 1024 * 1024);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(TopicCreator.createMissing(admin, specs, Optional.empty()))
                    .containsExactlyInAnyOrderElementsOf(KrouteTopics.ALL);
            assertThat(TopicCreator.createMissing(admin, specs, Optional.empty())).isEmpty();
            Config weights = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    KrouteTopics.WEIGHTS))).all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(weights.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(weights.get("max.message.bytes").value()).isEqualTo(Integer.toString(2 * 1024 * 1024));
            assertThat(admin.describeTopics(Set.of(KrouteTopics.PROMPTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(KrouteTopics.PROMPTS).partitions()).hasSize(2);
            produce(broker.bootstrapServers(), KrouteTopics.PROMPTS, "p-1", "hello");
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(KrouteTopics.ALL);
            assertThat(consumeAll(broker.bootstrapServers(), KrouteTopics.PROMPTS, 1)).containsExactly("p-1=hello");
        }
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "embedded-broker-test",
                "auto.offset.reset", "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(new String(record.key(), StandardCharsets.UTF_8) + "="
                            + new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return seen;
    }
}
