package io.kroute.it;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What a producer of prompts and a dispatch worker do, in Confluent's Avro wire format, for tests. */
public final class KafkaIo implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> decisions;
    private final AvroCodec<PromptEvent> promptCodec;
    private final AvroCodec<RewardEvent> rewardCodec;
    private final AvroCodec<RoutingDecision> decisionCodec;

    public KafkaIo(String bootstrapServers, SchemaRegistry registry) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 0),
                new StringSerializer(), new ByteArraySerializer());
        decisions = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "group.id", "it-decisions-" + System.nanoTime(), "auto.offset.reset", "earliest",
                // Only decisions of committed transactions: what a dispatch worker must see under exactly-once.
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        decisions.subscribe(List.of(KrouteTopics.DECISIONS));
        promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
        rewardCodec = AvroCodec.forValues(RewardEvent.class, registry);
        decisionCodec = AvroCodec.forValues(RoutingDecision.class, registry);
    }

    public void sendPrompt(String id, String tenant, String text) {
        PromptEvent event = PromptEvent.newBuilder().setId(id).setTenant(tenant).setText(text)
                .setCreatedAt(Instant.now()).build();
        send(KrouteTopics.PROMPTS, id, promptCodec.encode(KrouteTopics.PROMPTS, event));
    }

    public void sendReward(RoutingDecision decision, boolean success) {
        RewardEvent reward = RewardEvent.newBuilder().setPromptId(decision.getPromptId())
                .setProvider(decision.getProvider()).setSuccess(success).setLatencyMs(800).setCostUsd(0.001)
                .setQualityScore(null).setObservedAt(Instant.now()).build();
        send(KrouteTopics.REWARDS, decision.getPromptId(), rewardCodec.encode(KrouteTopics.REWARDS, reward));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        send(topic, key, value);
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot write to " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads decisions until {@code count} more whose prompt id starts with {@code idPrefix} have arrived (others
     * are skipped); fails after {@code bound}.
     */
    public List<RoutingDecision> readDecisions(String idPrefix, int count, Duration bound) {
        List<RoutingDecision> read = new ArrayList<>();
        long deadline = System.nanoTime() + bound.toNanos();
        while (read.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " decisions within " + bound.toSeconds() + " s, found "
                        + read.size());
            }
            for (ConsumerRecord<String, byte[]> record : decisions.poll(Duration.ofMillis(200))) {
                RoutingDecision decision = decisionCodec.decode(KrouteTopics.DECISIONS, record.value());
                if (decision.getPromptId().startsWith(idPrefix)) {
                    read.add(decision);
                }
            }
        }
        return read;
    }

    @Override
    public void close() {
        producer.close();
        decisions.close();
    }
}
