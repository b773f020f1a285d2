package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.topology.KrouteTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invalid weight files published while prompts flow: each is refused with its reason (counted on /metrics), the
 * active version never changes and decisions keep coming between every two files; then a valid file is adopted.
 */
class BadWeightsIT {
    static final Duration BOUND = Duration.ofSeconds(120);
    static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void shouldRefuseEveryInvalidFileWithItsReasonWhileRoutingGoesOnThenAdoptAValidOne() throws Exception {
        BadWeights weights = new BadWeights();
        List<BadWeights.Case> cases = weights.cases();
        try (InProcessKroute kroute = InProcessKroute.start(KAFKA.bootstrapServers(), "bad-weights-it",
                Map.of("kroute.topics.partitions", "2"));
                KafkaProducer<String, byte[]> publisher = new KafkaProducer<>(Map.of(
                        "bootstrap.servers", KAFKA.bootstrapServers(), "max.request.size", 64 << 20,
                        "compression.type", "lz4"), new StringSerializer(), new ByteArraySerializer());
                KafkaProducer<String, byte[]> uncompressed = new KafkaProducer<>(Map.of(
                        "bootstrap.servers", KAFKA.bootstrapServers(), "max.request.size", 64 << 20),
                        new StringSerializer(), new ByteArraySerializer());
                Traffic flow = new Traffic(KAFKA.bootstrapServers(), kroute.registry(), 11L)) {
            String shippedVersion = activeVersion(kroute);
            List<String> flowIds = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean flowing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                for (int i = 0; flowing.get() && i < 200_000; i++) {
                    String id = "flow-" + i;
                    flow.sendPrompt(id);
                    flowIds.add(id);
                    // A steady trickle (about 500 prompts a second), not a wait for a condition.
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
                }
            }, "prompt-flow");
            producer.start();

            Map<String, String> refusedWith = new LinkedHashMap<>();
            List<Long> publishedAt = new ArrayList<>();
            for (BadWeights.Case bad : cases) {
                double refusedBefore = kroute.counter("kroute_weights_refused_total");
                double decidedBefore = kroute.counter("kroute_decisions_total");
                double reasonBefore = refused(kroute, bad.expectedReason());
                publishedAt.add(System.currentTimeMillis());
                publisher.send(new ProducerRecord<>(KrouteTopics.WEIGHTS, "default", bad.bytes())).get(60, TimeUnit.SECONDS);
                Await.until("the refusal of " + bad, BOUND,
                        () -> kroute.counter("kroute_weights_refused_total") > refusedBefore);
                String reason = refused(kroute, bad.expectedReason()) > reasonBefore ? bad.expectedReason()
                        : "other than " + bad.expectedReason() + ": " + refusalReasons(kroute);
                refusedWith.put(bad.name(), reason);
                assertThat(activeVersion(kroute)).as("active version after %s", bad).isEqualTo(shippedVersion);
                // Routing goes on: the trickle of prompts keeps being decided after every refusal.
                Await.until("decisions after the refusal of " + bad, BOUND,
                        () -> kroute.counter("kroute_decisions_total") >= decidedBefore + 20);
            }
            publishedAt.add(System.currentTimeMillis());

            // Larger than the topic's max.message.bytes (64 MiB): the broker refuses it to its publisher.
            byte[] oversized = weights.padded(65 << 20, 5L);
            ExecutionException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> uncompressed.send(new ProducerRecord<>(KrouteTopics.WEIGHTS, "default", oversized))
                            .get(60, TimeUnit.SECONDS));
            assertThat(tooLarge.getCause()).isInstanceOf(RecordTooLargeException.class);
            refusedWith.put("larger than the topic's 64 MiB limit (" + oversized.length + " bytes)",
                    "refused by the broker: " + tooLarge.getCause().getClass().getSimpleName());

            flowing.set(false);
            producer.join(TimeUnit.SECONDS.toMillis(30));
            flow.flush();
            List<String> during = List.copyOf(flowIds);
            AvroCodec<RoutingDecision> decisions = AvroCodec.forValues(RoutingDecision.class, kroute.registry());
            try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
                audit.readUntil("a decision for every prompt sent while bad files were published", BOUND,
                        a -> a.answered(during) == during.size());
                Map<String, Long> tally = audit.tally(during);
                List<Long> decidedAt = new ArrayList<>();
                long otherVersion = 0;
                for (String id : during) {
                    byte[] value = audit.decisionValue(id);
                    if (value != null) {
                        RoutingDecision decision = decisions.decode(KrouteTopics.DECISIONS, value);
                        decidedAt.add(decision.getDecidedAt().toEpochMilli());
                        otherVersion += decision.getWeightsVersion().equals(shippedVersion) ? 0 : 1;
                    }
                }
                Collections.sort(decidedAt);
                long emptyIntervals = 0;
                for (int i = 0; i + 1 < publishedAt.size(); i++) {
                    long from = publishedAt.get(i);
                    long to = publishedAt.get(i + 1);
                    emptyIntervals += decidedAt.stream().anyMatch(t -> t >= from && t < to) ? 0 : 1;
                }
                long maxGap = 0;
                for (int i = 1; i < decidedAt.size(); i++) {
                    maxGap = Math.max(maxGap, decidedAt.get(i) - decidedAt.get(i - 1));
                }

                // Now a valid file of a new version: adopted by every task, and used by the next decisions.
                String newVersion = "20990101T000000Z-0badf11e";
                publisher.send(new ProducerRecord<>(KrouteTopics.WEIGHTS, "default", weights.validNewVersion(newVersion)))
                        .get(60, TimeUnit.SECONDS);
                Await.until("the valid file to become active", BOUND, () -> newVersion.equals(activeVersion(kroute)));
                List<String> after = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    after.add("after-" + i);
                    flow.sendPrompt("after-" + i);
                }
                flow.flush();
                audit.readUntil("decisions for the prompts after the valid file", BOUND,
                        a -> a.answered(after) == after.size());
                long afterWithNewVersion = after.stream().map(audit::decisionValue).filter(v -> v != null)
                        .map(v -> decisions.decode(KrouteTopics.DECISIONS, v))
                        .filter(d -> d.getWeightsVersion().equals(newVersion)).count();
                long afterQuarantined = after.stream().filter(id -> audit.decisionValue(id) == null).count();

                new Figures("bad-weights")
                        .put("injected", cases.size() + " invalid weight files on the weights topic and one over the "
                                + "topic's size limit, while prompts flowed; then one valid file")
                        .put("invalidFiles", cases.size() + 1)
                        .put("refusedWith", refusedWith)
                        .put("refusalsByReason", refusalReasons(kroute))
                        .putAll(tally)
                        .put("decisionsWithAnotherVersion", otherVersion)
                        .put("intervalsBetweenFilesWithoutDecisions", emptyIntervals)
                        .put("largestGapBetweenDecisionsMs", maxGap)
                        .put("validFileAdopted", newVersion.equals(activeVersion(kroute)))
                        .put("decisionsAfterAdoptionWithNewVersion", afterWithNewVersion + " of " + (after.size()
                                - afterQuarantined))
                        .report();

                for (BadWeights.Case bad : cases) {
                    assertThat(refusedWith.get(bad.name())).as("refusal reason of %s", bad).isEqualTo(bad.expectedReason());
                }
                assertThat(tally.get("lost")).isZero();
                assertThat(tally.get("duplicated")).isZero();
                assertThat(otherVersion).as("decisions made with another model while bad files arrived").isZero();
                assertThat(afterWithNewVersion).isEqualTo(after.size() - afterQuarantined);
            }
        }
    }

    static String activeVersion(InProcessKroute kroute) {
        try {
            return MAPPER.readTree(Http.get(kroute.httpUrl() + "/weights").body()).path("modelVersion").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static double refused(InProcessKroute kroute, String reason) {
        return InProcessKroute.sum("kroute_weights_refused_total",
                kroute.metrics().lines().filter(l -> l.contains("reason=\"" + reason + "\"")).reduce("",
                        (a, b) -> a + b + "\n"));
    }

    static Map<String, Double> refusalReasons(InProcessKroute kroute) {
        Map<String, Double> result = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?m)^kroute_weights_refused_total\\{[^}]*reason=\"([^\"]*)\"[^}]*\\} (\\S+)$").matcher(kroute.metrics());
        while (m.find()) {
            result.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return result;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
