package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.topology.KrouteTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed records of every kind, interleaved at random with valid prompts: every malformed record lands in
 * {@code dead-letters} with its reason, every valid prompt gets exactly one decision or quarantine record, and
 * kroute keeps running throughout. CI scale 1,000 + 10,000; {@code -Dkroute.reliability.long=true}: 10,000 +
 * 100,000.
 */
class PoisonPillIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void shouldDeadLetterEveryMalformedRecordAndAnswerEveryValidPromptOnce() throws Exception {
        int valid = Figures.scale(10_000, 100_000);
        int malformed = Figures.scale(1_000, 10_000);
        Duration bound = Duration.ofSeconds(Figures.scale(180, 1_200));
        try (InProcessKroute kroute = InProcessKroute.start(KAFKA.bootstrapServers(), "poison-it",
                Map.of("kroute.topics.partitions", "3"));
                Traffic traffic = new Traffic(KAFKA.bootstrapServers(), kroute.registry(), 7L)) {
            List<String> validIds = new ArrayList<>();
            Map<String, Traffic.Malformed> malformedKinds = new HashMap<>();
            Traffic.Malformed[] kinds = Traffic.Malformed.values();
            int sentValid = 0;
            int sentMalformed = 0;
            long started = System.nanoTime();
            while (sentValid < valid || sentMalformed < malformed) {
                // Interleave at random, in proportion, so malformed records sit between valid ones on every partition.
                boolean bad = sentMalformed < malformed && (sentValid == valid
                        || traffic.random().nextInt(valid + malformed) < malformed);
                if (bad) {
                    String key = "bad-" + sentMalformed++;
                    Traffic.Malformed kind = kinds[traffic.random().nextInt(kinds.length)];
                    malformedKinds.put(key, kind);
                    traffic.sendMalformed(key, kind);
                } else {
                    String id = "ok-" + sentValid++;
                    validIds.add(id);
                    traffic.sendPrompt(id);
                }
            }
            traffic.flush();

            try (OutputAudit audit = new OutputAudit(KAFKA.bootstrapServers())) {
                audit.readUntil("every valid prompt answered and every malformed record dead-lettered", bound,
                        a -> a.answered(validIds) == validIds.size()
                                && a.deadLettersFrom(KrouteTopics.PROMPTS) >= malformed);
                long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);

                Map<String, Long> tally = audit.tally(validIds);
                Map<String, Integer> lettersPerKey = new HashMap<>();
                Map<String, Long> wrongReason = new TreeMap<>();
                for (OutputAudit.Letter letter : audit.deadLetters()) {
                    lettersPerKey.merge(letter.key(), 1, Integer::sum);
                    Traffic.Malformed kind = malformedKinds.get(letter.key());
                    assertThat(kind).as("dead letter keyed %s is one of the malformed records sent", letter.key())
                            .isNotNull();
                    assertThat(letter.sourceTopic()).isEqualTo(KrouteTopics.PROMPTS);
                    assertThat(letter.message()).as("the dead letter's message for %s", kind).isNotBlank();
                    if (!kind.expectedReasons().contains(letter.reason())) {
                        wrongReason.merge(kind + "->" + letter.reason(), 1L, Long::sum);
                    }
                }
                long missingLetters = malformedKinds.keySet().stream().filter(k -> !lettersPerKey.containsKey(k)).count();
                long duplicateLetters = lettersPerKey.values().stream().mapToLong(n -> n - 1).sum();
                Map<String, Long> sentByKind = new TreeMap<>();
                malformedKinds.values().forEach(k -> sentByKind.merge(k.name().toLowerCase(java.util.Locale.ROOT),
                        1L, Long::sum));

                new Figures("poison-pills")
                        .put("injected", malformed + " malformed prompts records interleaved with " + valid
                                + " valid prompts")
                        .putAll(tally)
                        .put("malformedSent", (long) malformed)
                        .put("malformedByKind", sentByKind)
                        .put("deadLettered", (long) lettersPerKey.size())
                        .put("deadLettersByReason", audit.reasons())
                        .put("deadLettersMissing", missingLetters)
                        .put("deadLettersDuplicated", duplicateLetters)
                        .put("wrongReasons", wrongReason)
                        .put("seconds", seconds)
                        .put("streamsState", kroute.runtime().streams().state().name())
                        .report();

                assertThat(tally.get("lost")).as("valid prompts without a decision or quarantine record").isZero();
                assertThat(tally.get("duplicated")).as("outputs beyond one per valid prompt").isZero();
                assertThat(missingLetters).as("malformed records missing from dead-letters").isZero();
                assertThat(duplicateLetters).as("malformed records dead-lettered twice").isZero();
                assertThat(wrongReason).as("malformed records dead-lettered with an unexpected reason").isEmpty();
                assertThat(kroute.runtime().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(kroute.counter("kroute_dead_letters_total")).as("dead letters counted")
                        .isGreaterThanOrEqualTo(malformed);
            }
        }
    }
}
