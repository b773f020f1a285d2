package io.kroute.topology;

import io.kroute.inference.weights.WeightFile;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.topology.metrics.InMemoryKrouteCounters;
import io.kroute.topology.pending.PromptHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The kroute topology inside a {@link TopologyTestDriver}, with typed helpers for its topics. */
final class KrouteDriver implements AutoCloseable {

    final KrouteConfig config;
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final InMemoryKrouteCounters counters = new InMemoryKrouteCounters();
    final KrouteTopology.Built built;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> prompts;
    final TestInputTopic<String, byte[]> rewards;
    final TestInputTopic<String, byte[]> weights;
    final TestOutputTopic<String, byte[]> decisions;
    final TestOutputTopic<String, byte[]> quarantine;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, byte[]> armState;
    final AvroCodec<PromptEvent> promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
    final AvroCodec<RewardEvent> rewardCodec = AvroCodec.forValues(RewardEvent.class, registry);
    final AvroCodec<RoutingDecision> decisionCodec = AvroCodec.forValues(RoutingDecision.class, registry);
    final AvroCodec<QuarantineRecord> quarantineCodec = AvroCodec.forValues(QuarantineRecord.class, registry);
    final AvroCodec<ArmState> armStateCodec = AvroCodec.forValues(ArmState.class, registry);
    private final Path stateDir;

    /** The driver's one partition is the home of every prompt id (as when producers hash keys as Java does). */
    KrouteDriver(KrouteConfig config, WeightFile shipped) {
        this(config, shipped, 1);
    }

    /**
     * @param promptPartitions the partition count kroute is told {@code prompts} has; with more than one, the
     *     driver's one partition is the home of only some prompt ids, and the others travel home through kroute's
     *     repartition topics, as records their producers wrote to another partition do
     */
    KrouteDriver(KrouteConfig config, WeightFile shipped, int promptPartitions) {
        this.config = config;
        this.built = KrouteTopology.build(config, registry, shipped, counters);
        try {
            stateDir = Files.createTempDirectory("kroute-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = StreamsProperties.of(config);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(PromptHome.PARTITIONS_CONFIG, Integer.toString(promptPartitions));
        driver = new TopologyTestDriver(built.topology(), props, Instant.parse("2026-01-01T00:00:00Z"));
        StringSerializer keys = new StringSerializer();
        ByteArraySerializer bytes = new ByteArraySerializer();
        prompts = driver.createInputTopic(KrouteTopics.PROMPTS, keys, bytes);
        rewards = driver.createInputTopic(KrouteTopics.REWARDS, keys, bytes);
        weights = driver.createInputTopic(KrouteTopics.WEIGHTS, keys, bytes);
        StringDeserializer keyReader = new StringDeserializer();
        ByteArrayDeserializer byteReader = new ByteArrayDeserializer();
        decisions = driver.createOutputTopic(KrouteTopics.DECISIONS, keyReader, byteReader);
        quarantine = driver.createOutputTopic(KrouteTopics.QUARANTINE, keyReader, byteReader);
        deadLetters = driver.createOutputTopic(KrouteTopics.DEAD_LETTERS, byteReader, byteReader);
        armState = driver.createOutputTopic(KrouteTopics.ARM_STATE, keyReader, byteReader);
    }

    static PromptEvent prompt(String id, String tenant, String text) {
        return PromptEvent.newBuilder().setId(id).setTenant(tenant).setText(text)
                .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z")).setHints(null).setMetadata(null).build();
    }

    void sendPrompt(String id, String tenant, String text, long time) {
        prompts.pipeInput(id, promptCodec.encode(KrouteTopics.PROMPTS, prompt(id, tenant, text)), time);
    }

    void sendReward(String promptId, String provider, boolean success, long latencyMs, double cost, Double quality,
            long time) {
        RewardEvent reward = RewardEvent.newBuilder().setPromptId(promptId).setProvider(provider).setSuccess(success)
                .setLatencyMs(latencyMs).setCostUsd(cost).setQualityScore(quality)
                .setObservedAt(Instant.ofEpochMilli(time)).build();
        rewards.pipeInput(promptId, rewardCodec.encode(KrouteTopics.REWARDS, reward), time);
    }

    List<RoutingDecision> readDecisions() {
        return decisions.readValuesToList().stream().map(v -> decisionCodec.decode(KrouteTopics.DECISIONS, v)).toList();
    }

    List<QuarantineRecord> readQuarantine() {
        return quarantine.readValuesToList().stream().map(v -> quarantineCodec.decode(KrouteTopics.QUARANTINE, v))
                .toList();
    }

    List<ArmState> readArmStates() {
        return armState.readValuesToList().stream().map(v -> armStateCodec.decode(KrouteTopics.ARM_STATE, v)).toList();
    }

    List<TestRecord<byte[], byte[]>> readDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
