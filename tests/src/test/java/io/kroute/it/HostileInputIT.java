package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.bandit.ContextualBandit;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteTopics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and extreme input against kroute on a real broker, prompts in JSON: each case is handled as
 * docs/reliability.md says, kroute keeps running, and the heap it needs stays bounded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    static final Duration BOUND = Duration.ofSeconds(120);
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long YEAR_MS = Duration.ofDays(365).toMillis();
    static final long SKEW_MS = Duration.ofMinutes(50).toMillis();
    /** The broker's default message.max.bytes, which kroute's prompts topic inherits. */
    static final int TOPIC_LIMIT = 1_048_588;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static InProcessKroute kroute;
    static Traffic traffic;
    static KafkaProducer<String, byte[]> bigProducer;
    static AvroCodec<RoutingDecision> decisions;
    static long heapBefore;
    static final Figures FIGURES = new Figures("hostile-input");

    @BeforeAll
    static void start() throws Exception {
        kroute = InProcessKroute.start(KAFKA.bootstrapServers(), "hostile-it", Map.of(
                "kroute.prompts.format", "json",
                "kroute.providers", "alpha,beta,gamma",
                "kroute.arm.state.publish.interval", "0s",
                "kroute.default.reward", "none"));
        traffic = new Traffic(KAFKA.bootstrapServers(), kroute.registry(), 3L);
        bigProducer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(),
                "max.request.size", 32 << 20, "linger.ms", 0), new StringSerializer(), new ByteArraySerializer());
        decisions = AvroCodec.forValues(RoutingDecision.class, kroute.registry());
        heapBefore = heapAfterGc();
    }

    @AfterAll
    static void stop() {
        long heapAfter = heapAfterGc();
        FIGURES.put("heapAfterGcBeforeMb", heapBefore >> 20).put("heapAfterGcAfterMb", heapAfter >> 20)
                .put("streamsState", kroute.runtime().streams().state().name()).report();
        bigProducer.close();
        traffic.close();
        kroute.close();
        assertThat(heapAfter - heapBefore).as("heap growth over every hostile case, bytes").isLessThan(128L << 20);
    }

    @Test
    @Order(1)
    void shouldRefuseA10MegabytePromptAtTheBrokerAndAnswerOneAtTheTopicLimit() throws Exception {
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> bigProducer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, "huge-10mb",
                        json("huge-10mb", "x".repeat(10 << 20), null))).get(60, TimeUnit.SECONDS));
        assertThat(refused.getCause()).isInstanceOf(RecordTooLargeException.class);

        // The largest prompt the topic takes: a JSON value just under the broker's limit, in words.
        String filler = "lorem ipsum dolor sit amet ";
        int target = TOPIC_LIMIT - 200;
        byte[] largest = json("largest", filler.repeat(target / filler.length()), null);
        largest = json("largest", filler.repeat(target / filler.length()).substring(0,
                target / filler.length() * filler.length() - (largest.length - target)), null);
        bigProducer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, "largest", largest)).get(60, TimeUnit.SECONDS);
        // Malformed and as large: its dead letter carries all of it plus headers.
        byte[] largestBroken = java.util.Arrays.copyOf(largest, largest.length - 1);
        bigProducer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, "largest-broken", largestBroken))
                .get(60, TimeUnit.SECONDS);
        traffic.sendRaw(KrouteTopics.PROMPTS, "after-largest", json("after-largest", "translate hello into French", null));
        traffic.flush();
        try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
            audit.readUntil("answers to the largest prompts", BOUND, a -> {
                assertRunning();
                return a.outputsOf("largest") > 0 && a.outputsOf("after-largest") > 0
                        && a.deadLetters().stream().anyMatch(l -> "largest-broken".equals(l.key()));
            });
            FIGURES.put("prompt10MbRefusedByBroker", refused.getCause().getClass().getSimpleName())
                    .put("largestPromptBytes", largest.length)
                    .put("largestPromptOutcome", audit.decisions().containsKey("largest") ? "decision" : "quarantine")
                    .put("largestMalformedOutcome", reasonOf(audit, "largest-broken"));
            assertThat(audit.outputsOf("largest")).isEqualTo(1);
            assertThat(reasonOf(audit, "largest-broken")).isEqualTo("invalid-json");
        }
    }

    @Test
    @Order(2)
    void shouldAnswerPromptsOfOnlyInvisibleCharactersLikeAnyOther() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("invisible-zero-width", "\u200b\u200c\u200d\u2060\ufeff".repeat(400));
        texts.put("invisible-spaces", " \t\n\u00a0\u2007\u202f\u3000".repeat(300));
        texts.put("invisible-bidi", "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069".repeat(200));
        texts.put("invisible-controls", "\u0000\u0001\u0007\u001b\u007f".repeat(200));
        texts.put("invisible-empty", "");
        texts.forEach((id, text) -> traffic.sendRaw(KrouteTopics.PROMPTS, id, json(id, text, null)));
        traffic.flush();
        try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
            audit.readUntil("answers to every invisible prompt", BOUND, a -> a.answered(texts.keySet()) == texts.size());
            Map<String, Long> tally = audit.tally(texts.keySet());
            FIGURES.put("invisiblePrompts", tally);
            assertThat(tally.get("duplicated")).isZero();
            assertThat(tally.get("lost")).isZero();
            assertThat(audit.deadLetters()).noneMatch(l -> texts.containsKey(l.key()));
        }
    }

    @Test
    @Order(3)
    void shouldDeadLetterDeeplyNestedJsonAndAnswerHugeButValidJson() throws Exception {
        // Nested 100,000 deep in a member kroute ignores, and in metadata (whose values must be flat).
        byte[] deep = ("{\"id\":\"deep\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1,\"extra\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] deepMetadata = ("{\"id\":\"deep-metadata\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":1,"
                + "\"metadata\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}")
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode wide = MAPPER.createObjectNode().put("id", "wide").put("tenant", "t").put("text", "summarize this")
                .put("createdAt", System.currentTimeMillis());
        ObjectNode metadata = wide.putObject("metadata");
        for (int i = 0; i < 20_000; i++) {
            metadata.put("key-" + i, "value-" + i);
        }
        byte[] longNumber = ("{\"id\":\"long-number\",\"tenant\":\"t\",\"text\":\"x\",\"createdAt\":"
                + "9".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] missing = "{\"id\":\"missing-tenant\",\"text\":\"x\",\"createdAt\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        bigProducer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, "deep", deep)).get(60, TimeUnit.SECONDS);
        bigProducer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, "deep-metadata", deepMetadata))
                .get(60, TimeUnit.SECONDS);
        bigProducer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, "wide", MAPPER.writeValueAsBytes(wide)))
                .get(60, TimeUnit.SECONDS);
        traffic.sendRaw(KrouteTopics.PROMPTS, "long-number", longNumber);
        traffic.sendRaw(KrouteTopics.PROMPTS, "missing-tenant", missing);
        traffic.sendRaw(KrouteTopics.PROMPTS, "not-utf8", notUtf8);
        traffic.flush();
        List<String> broken = List.of("deep", "deep-metadata", "long-number", "missing-tenant", "not-utf8");
        try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
            audit.readUntil("the wide prompt answered and the broken ones dead-lettered", BOUND,
                    a -> a.outputsOf("wide") > 0 && broken.stream().allMatch(k -> reasonOf(a, k) != null));
            Map<String, String> reasons = new LinkedHashMap<>();
            broken.forEach(k -> reasons.put(k, reasonOf(audit, k)));
            FIGURES.put("jsonDeadLetterReasons", reasons).put("wideJsonOutputs", audit.outputsOf("wide"));
            assertThat(reasons).containsEntry("deep", "too-deep").containsEntry("deep-metadata", "invalid-field")
                    .containsEntry("missing-tenant", "missing-field")
                    .containsEntry("not-utf8", "invalid-utf8");
            assertThat(reasons.get("long-number")).isNotBlank();
            assertThat(audit.outputsOf("wide")).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void shouldCountUnknownDuplicateAndOutOfOrderRewardsAsDocumented() {
        double unmatchedBefore = kroute.counter("kroute_rewards_unmatched_total");
        double duplicatesBefore = kroute.counter("kroute_rewards_duplicate_total");
        double foldedBefore = kroute.counter("kroute_rewards_folded_total");
        for (int i = 0; i < 50; i++) {
            traffic.sendReward("nobody-" + i, "alpha", true, 500, 0.001, Instant.now());
        }
        // A reward that overtakes its decision finds nothing to join: it is dead-lettered as unmatched.
        traffic.sendReward("overtaken", "alpha", true, 500, 0.001, Instant.now());
        traffic.flush();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add("dup-" + i);
            traffic.sendRaw(KrouteTopics.PROMPTS, "dup-" + i, json("dup-" + i, traffic.text(), null));
        }
        traffic.sendRaw(KrouteTopics.PROMPTS, "overtaken", json("overtaken", traffic.text(), null));
        traffic.flush();
        try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
            audit.readUntil("decisions for the rewarded prompts", BOUND, a -> a.answered(ids) == ids.size());
            long rewarded = 0;
            for (String id : ids) {
                byte[] value = audit.decisionValue(id);
                if (value == null) {
                    continue; // quarantined: no provider to reward
                }
                RoutingDecision decision = decisions.decode(KrouteTopics.DECISIONS, value);
                // Three rewards for one decision, the later ones stamped earlier than the first (out of order).
                long now = System.currentTimeMillis();
                for (int copy = 0; copy < 3; copy++) {
                    byte[] reward = rewardBytes(decision, copy == 0);
                    traffic.sendRaw(KrouteTopics.REWARDS, id, reward, now - copy * 30_000L);
                }
                rewarded++;
            }
            traffic.flush();
            long expectedFolded = rewarded;
            Await.until("rewards folded and duplicates counted", BOUND,
                    () -> kroute.counter("kroute_rewards_folded_total") - foldedBefore >= expectedFolded
                            && kroute.counter("kroute_rewards_duplicate_total") - duplicatesBefore >= 2 * expectedFolded
                            && kroute.counter("kroute_rewards_unmatched_total") - unmatchedBefore >= 51);
            audit.readUntil("the unmatched rewards dead-lettered", BOUND,
                    a -> a.deadLetters().stream().filter(l -> "unmatched".equals(l.reason())).count() >= 51);
            FIGURES.put("rewardsForUnknownPrompts", Map.of("sent", 51, "deadLetteredUnmatched",
                    (long) (kroute.counter("kroute_rewards_unmatched_total") - unmatchedBefore)))
                    .put("duplicateRewards", Map.of("decisionsRewardedThreeTimes", rewarded,
                            "folded", (long) (kroute.counter("kroute_rewards_folded_total") - foldedBefore),
                            "countedAsDuplicates", (long) (kroute.counter("kroute_rewards_duplicate_total")
                                    - duplicatesBefore)));
            assertThat(kroute.counter("kroute_rewards_folded_total") - foldedBefore).isEqualTo(expectedFolded);
            assertThat(kroute.counter("kroute_rewards_duplicate_total") - duplicatesBefore).isEqualTo(2.0 * expectedFolded);
            assertThat(kroute.counter("kroute_rewards_unmatched_total") - unmatchedBefore).isEqualTo(51.0);
        }
    }

    @Test
    @Order(5)
    void shouldNotLetOneClockSkewedRewardEraseWhatAnArmHasLearnt() {
        Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add("skew-" + i);
            traffic.sendRaw(KrouteTopics.PROMPTS, "skew-" + i, json("skew-" + i, traffic.text(), null));
        }
        // A prompt from a producer whose clock is 50 minutes fast (the broker refuses times over an hour ahead,
        // its log.message.timestamp.after.max.ms), and one a year slow: both are decided.
        traffic.sendRaw(KrouteTopics.PROMPTS, "future-prompt", json("future-prompt", traffic.text(), null),
                System.currentTimeMillis() + SKEW_MS);
        traffic.sendRaw(KrouteTopics.PROMPTS, "past-prompt", json("past-prompt", traffic.text(), null),
                System.currentTimeMillis() - YEAR_MS);
        traffic.flush();
        try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
            audit.readUntil("decisions for the skew prompts", BOUND, a -> a.answered(ids) == ids.size()
                    && a.outputsOf("future-prompt") > 0 && a.outputsOf("past-prompt") > 0);
            List<RoutingDecision> decided = ids.stream().map(audit::decisionValue).filter(v -> v != null)
                    .map(v -> decisions.decode(KrouteTopics.DECISIONS, v)).toList();
            String provider = decided.get(0).getProvider();
            String globalArm = KrouteConfig.armKey(ContextualBandit.GLOBAL, provider);
            long before = count(Workload.armStates(client, kroute.registry()), globalArm);
            // The first reward for the provider comes from a clock 50 minutes fast; the rest are on time.
            long rewardedForProvider = 0;
            for (RoutingDecision decision : decided) {
                boolean skewed = rewardedForProvider == 0 && decision.getProvider().equals(provider);
                long time = System.currentTimeMillis() + (skewed ? SKEW_MS : 0);
                traffic.sendRaw(KrouteTopics.REWARDS, decision.getPromptId(), rewardBytes(decision, true), time);
                rewardedForProvider += decision.getProvider().equals(provider) ? 1 : 0;
            }
            traffic.flush();
            long expected = before + rewardedForProvider;
            ArmState arm = Await.until("the provider's rewards folded", BOUND,
                    () -> Workload.armStates(client, kroute.registry()).get(globalArm),
                    state -> state != null && state.getCount() >= expected);
            FIGURES.put("clockSkew", Map.of("futurePromptOutputs", audit.outputsOf("future-prompt"),
                    "pastPromptOutputs", audit.outputsOf("past-prompt"),
                    "globalArmCount", arm.getCount(), "globalArmWeight", arm.getWeight(),
                    "globalArmLastUpdatedAt", arm.getLastUpdatedAt().toString()));
            assertThat(audit.outputsOf("future-prompt")).isEqualTo(1);
            assertThat(audit.outputsOf("past-prompt")).isEqualTo(1);
            // With a half-life of an hour, minutes of rewards keep nearly their full weight; a reward stamped 50
            // minutes ahead must not have discounted the others by half.
            assertThat(arm.getWeight()).as("discounted weight of %s after %s rewards", globalArm, arm.getCount())
                    .isGreaterThan(0.9 * arm.getCount());
            assertThat(arm.getLastUpdatedAt()).isBefore(Instant.now().plus(Duration.ofMinutes(5)));
        }
    }

    static long count(Map<String, ArmState> arms, String arm) {
        ArmState state = arms.get(arm);
        return state == null ? 0 : state.getCount();
    }

    static byte[] rewardBytes(RoutingDecision decision, boolean success) {
        io.kroute.schemas.RewardEvent reward = io.kroute.schemas.RewardEvent.newBuilder()
                .setPromptId(decision.getPromptId()).setProvider(decision.getProvider()).setSuccess(success)
                .setLatencyMs(700).setCostUsd(0.002).setQualityScore(null).setObservedAt(Instant.now()).build();
        return AvroCodec.forValues(io.kroute.schemas.RewardEvent.class, kroute.registry())
                .encode(KrouteTopics.REWARDS, reward);
    }

    static String reasonOf(OutputAudit audit, String key) {
        return audit.deadLetters().stream().filter(l -> key.equals(l.key())).map(OutputAudit.Letter::reason)
                .findFirst().orElse(null);
    }

    static void assertRunning() {
        KafkaStreams.State state = kroute.runtime().streams().state();
        assertThat(state).as("Kafka Streams state").isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
    }

    static byte[] json(String id, String text, Map<String, String> metadata) {
        ObjectNode node = MAPPER.createObjectNode().put("id", id).put("tenant", "acme").put("text", text)
                .put("createdAt", System.currentTimeMillis());
        if (metadata != null) {
            ObjectNode meta = node.putObject("metadata");
            metadata.forEach(meta::put);
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
