package io.kroute.it;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes test traffic fast: valid prompts drawn from the shipped labelled prompts, malformed records of every kind
 * kroute must dead-letter, and rewards. Sends are asynchronous; {@link #flush()} waits for all of them and fails
 * on the first that did not reach the broker. Every random choice comes from one seeded generator.
 */
public final class Traffic implements AutoCloseable {

    /** The malformed prompt records injected, each with the dead-letter reasons it may be given. */
    public enum Malformed {
        RANDOM_BYTES,
        WRONG_SCHEMA_ID,
        TRUNCATED_AVRO,
        TRAILING_BYTES,
        JSON_MISSING_FIELDS,
        INVALID_UTF8,
        EMPTY_ID,
        TOMBSTONE;

        /** The dead-letter reason kroute gives a prompts topic in Avro format for this kind of record. */
        public List<String> expectedReasons() {
            return switch (this) {
                case RANDOM_BYTES, JSON_MISSING_FIELDS -> List.of("unknown-magic-byte");
                case WRONG_SCHEMA_ID -> List.of("unknown-schema-id");
                case TRUNCATED_AVRO -> List.of("truncated");
                case TRAILING_BYTES -> List.of("trailing-bytes");
                case INVALID_UTF8 -> List.of("invalid-utf8");
                case EMPTY_ID, TOMBSTONE -> List.of("missing-field");
            };
        }
    }

    private static final String UTF8_MARKER = "~~utf8-marker~~";

    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroCodec<PromptEvent> prompts;
    private final AvroCodec<RewardEvent> rewards;
    private final SplittableRandom random;
    private final List<String> texts = new ArrayList<>();
    private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledged = new AtomicLong();

    public Traffic(String bootstrapServers, SchemaRegistry registry, long seed) {
        this(Map.of("bootstrap.servers", bootstrapServers), registry, seed);
    }

    /** @param clientProperties connection settings (bootstrap servers, security) */
    public Traffic(Map<String, Object> clientProperties, SchemaRegistry registry, long seed) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.putIfAbsent("linger.ms", 5);
        props.putIfAbsent("acks", "all");
        // A broker restart in the middle of a run must delay sends, not fail them, however slowly it restarts.
        props.putIfAbsent("delivery.timeout.ms", 600_000);
        // With several batches in flight, an idempotent producer was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER
        // until its delivery timeout after a broker restart; one in flight keeps its sequence in order.
        props.putIfAbsent("max.in.flight.requests.per.connection", 1);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        prompts = AvroCodec.forValues(PromptEvent.class, registry);
        rewards = AvroCodec.forValues(RewardEvent.class, registry);
        random = new SplittableRandom(seed);
        ShippedPrompts.byLabel().values().forEach(texts::addAll);
    }

    /** The wire bytes of a valid prompt event. */
    public byte[] promptBytes(String id, String tenant, String text) {
        return prompts.encode(KrouteTopics.PROMPTS, PromptEvent.newBuilder().setId(id).setTenant(tenant).setText(text)
                .setCreatedAt(Instant.now()).build());
    }

    /** A shipped prompt text, chosen at random. */
    public String text() {
        return texts.get(random.nextInt(texts.size()));
    }

    /** Sends a valid prompt with a shipped text. */
    public void sendPrompt(String id) {
        send(KrouteTopics.PROMPTS, id, promptBytes(id, "tenant-" + random.nextInt(4), text()));
    }

    public void sendPrompt(String id, String tenant, String text) {
        send(KrouteTopics.PROMPTS, id, promptBytes(id, tenant, text));
    }

    /** Sends one malformed prompts record of {@code kind}, keyed {@code key}. */
    public void sendMalformed(String key, Malformed kind) {
        send(KrouteTopics.PROMPTS, key, malformed(key, kind));
    }

    byte[] malformed(String key, Malformed kind) {
        return switch (kind) {
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                // A zero first byte would make random bytes a wire-format header; keep them random otherwise.
                bytes[0] = (byte) (1 + random.nextInt(255));
                yield bytes;
            }
            case WRONG_SCHEMA_ID -> {
                byte[] bytes = promptBytes(key, "acme", text());
                bytes[1] = 0x7f; // schema id 0x7fxxxxxx: never handed out by a registry holding a few schemas
                yield bytes;
            }
            case TRUNCATED_AVRO -> {
                byte[] bytes = promptBytes(key, "acme", text());
                yield java.util.Arrays.copyOf(bytes, 5 + random.nextInt(bytes.length - 6));
            }
            case TRAILING_BYTES -> {
                byte[] bytes = promptBytes(key, "acme", text());
                byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                yield longer;
            }
            case JSON_MISSING_FIELDS -> ("{\"id\":\"" + key + "\",\"text\":\"no tenant, no createdAt\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case INVALID_UTF8 -> {
                byte[] bytes = promptBytes(key, "acme", "before " + UTF8_MARKER + " after");
                int at = indexOf(bytes, UTF8_MARKER.getBytes(StandardCharsets.UTF_8));
                bytes[at] = (byte) 0xC3; // a two-byte lead followed by a byte that cannot continue it
                bytes[at + 1] = (byte) 0x28;
                yield bytes;
            }
            case EMPTY_ID -> promptBytes("", "acme", text());
            case TOMBSTONE -> null;
        };
    }

    /** Sends the reward a dispatch worker would for {@code decision}. */
    public void sendReward(RoutingDecision decision, boolean success, long latencyMs, double costUsd) {
        sendReward(decision.getPromptId(), decision.getProvider(), success, latencyMs, costUsd, Instant.now());
    }

    public void sendReward(String promptId, String provider, boolean success, long latencyMs, double costUsd,
            Instant observedAt) {
        RewardEvent reward = RewardEvent.newBuilder().setPromptId(promptId).setProvider(provider).setSuccess(success)
                .setLatencyMs(latencyMs).setCostUsd(costUsd).setQualityScore(null).setObservedAt(observedAt).build();
        send(KrouteTopics.REWARDS, promptId, rewards.encode(KrouteTopics.REWARDS, reward));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        send(topic, key, value);
    }

    /** Sends with an explicit record timestamp (for clock-skew tests). */
    public void sendRaw(String topic, String key, byte[] value, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, bytes(key), value), this::acknowledge);
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, bytes(key), value), this::acknowledge);
    }

    private void acknowledge(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
        if (error != null) {
            failures.add(error);
        } else {
            acknowledged.incrementAndGet();
        }
    }

    /** Waits for every send so far; fails if any did not reach the broker. */
    public void flush() {
        producer.flush();
        Exception first = failures.peek();
        if (first != null) {
            throw new AssertionError(failures.size() + " sends failed; first: " + first, first);
        }
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public SplittableRandom random() {
        return random;
    }

    private static byte[] bytes(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found in the encoded prompt");
    }

    @Override
    public void close() {
        producer.close();
    }
}
