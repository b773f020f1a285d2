package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kroute.schemas.ArmScore;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;
import io.kroute.topology.KrouteConfig.PromptFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DecidePathTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static KrouteConfig.Builder config() {
        return KrouteConfig.builder().providers(List.of("alpha", "beta", "gamma")).armStatePublishInterval(
                java.time.Duration.ZERO);
    }

    @Test
    void shouldWriteDecisionWithEveryField() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.sendPrompt("p-1", "acme", "write a java function", T0);

            List<RoutingDecision> decisions = k.readDecisions();
            assertThat(decisions).hasSize(1);
            RoutingDecision d = decisions.get(0);
            assertThat(d.getPromptId()).isEqualTo("p-1");
            assertThat(d.getTenant()).isEqualTo("acme");
            assertThat(d.getLabel()).isEqualTo("code");
            assertThat(d.getClassProbabilities()).containsOnlyKeys("code", "fruit", "poetry");
            assertThat(d.getClassProbabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-12));
            assertThat(d.getClassProbabilities().get("code")).isGreaterThan(0.5);
            assertThat(d.getAnomalyScore()).isGreaterThanOrEqualTo(0.0).isLessThan(4.0);
            assertThat(d.getAnomalyFeature()).isNotNull();
            assertThat(d.getProvider()).isIn("alpha", "beta", "gamma");
            // No evidence yet: the policy is uniform over three arms.
            assertThat(d.getPropensity()).isCloseTo(1.0 / 3, within(0.02));
            assertThat(d.getPolicy()).isEqualTo("thompson-detect");
            assertThat(d.getArms()).extracting(ArmScore::getProvider).containsExactly("alpha", "beta", "gamma");
            ArmScore chosen = d.getArms().stream().filter(a -> a.getProvider().equals(d.getProvider())).findFirst()
                    .orElseThrow();
            assertThat(chosen.getSelectionProbability()).isEqualTo(d.getPropensity());
            assertThat(d.getModelName()).isEqualTo("default");
            assertThat(d.getWeightsVersion()).isEqualTo("v1");
            assertThat(d.getPromptCreatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(d.getDecidedAt()).isNotNull();
            assertThat(k.counters.count("decisions{label=code,provider=" + d.getProvider() + "}")).isEqualTo(1);
            assertThat(k.counters.decisionsTimed()).isEqualTo(1);
        }
    }

    @Test
    void shouldQuarantineAnomalousPromptInsteadOfDeciding() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            String longText = "a poem in verse " + "!".repeat(300);
            k.sendPrompt("p-long", "acme", longText, T0);

            assertThat(k.readDecisions()).isEmpty();
            List<QuarantineRecord> held = k.readQuarantine();
            assertThat(held).hasSize(1);
            QuarantineRecord q = held.get(0);
            assertThat(q.getPrompt().getId()).isEqualTo("p-long");
            assertThat(q.getPrompt().getText()).isEqualTo(longText);
            assertThat(q.getAnomalyScore()).isGreaterThan(4.0);
            assertThat(q.getThreshold()).isEqualTo(4.0);
            assertThat(q.getFeatures().get(0).getName()).isEqualTo("longestCharRun");
            assertThat(q.getReason()).startsWith("longestCharRun z=").contains("exceeds threshold 4.0");
            assertThat(q.getBaseline()).isEqualTo("global");
            assertThat(q.getLabel()).isEqualTo("poetry");
            assertThat(q.getWeightsVersion()).isEqualTo("v1");
            assertThat(k.counters.count("quarantined{label=poetry}")).isEqualTo(1);
        }
    }

    @Test
    void shouldHoldAPromptOverTheSizeLimitAsOversizeWithoutClassifyingIt() {
        // Size is a policy: with screening off too, a prompt one character over the limit is held, one at it is not.
        try (KrouteDriver k = new KrouteDriver(config().maxPromptChars(100).anomalyEnabled(false).build(),
                TestWeights.file("v1"))) {
            k.sendPrompt("p-at", "acme", "a poem in verse ".repeat(7).substring(0, 100), T0);
            k.sendPrompt("p-over", "acme", "a poem in verse ".repeat(7).substring(0, 101), T0);

            assertThat(k.readDecisions()).extracting(RoutingDecision::getPromptId).containsExactly("p-at");
            QuarantineRecord q = k.readQuarantine().get(0);
            assertThat(q.getPrompt().getId()).isEqualTo("p-over");
            assertThat(q.getReason()).isEqualTo("101 characters exceed maxPromptChars 100");
            assertThat(q.getLabel()).isNull();
            assertThat(q.getFeatures()).isEmpty();
            assertThat(q.getBaseline()).isEmpty();
            assertThat(k.counters.count("quarantined{label=none}")).isEqualTo(1);
        }
    }

    @Test
    void shouldDecideWithoutScreeningWhenAnomalyFilterIsOff() {
        try (KrouteDriver k = new KrouteDriver(config().anomalyEnabled(false).build(), TestWeights.file("v1"))) {
            k.sendPrompt("p-long", "acme", "a poem in verse " + "!".repeat(300), T0);

            assertThat(k.readQuarantine()).isEmpty();
            RoutingDecision d = k.readDecisions().get(0);
            assertThat(d.getAnomalyScore()).isEqualTo(0.0);
            assertThat(d.getAnomalyFeature()).isNull();
        }
    }

    @Test
    void shouldDeadLetterTruncatedAvroWithItsSourceAndKeepGoing() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            byte[] good = k.promptCodec.encode(KrouteTopics.PROMPTS, KrouteDriver.prompt("p-0", "acme", "apple"));
            byte[] truncated = Arrays.copyOf(good, good.length - 3);
            k.prompts.pipeInput("p-0", truncated, T0);
            k.sendPrompt("p-1", "acme", "apple and banana", T0 + 1);

            List<TestRecord<byte[], byte[]>> letters = k.readDeadLetters();
            assertThat(letters).hasSize(1);
            TestRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(letter.value()).isEqualTo(truncated);
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("p-0");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("prompts");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_SOURCE_PARTITION)).isEqualTo("0");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("0");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("truncated");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_MESSAGE)).contains("expected more bytes");
            assertThat(k.readDecisions()).extracting(RoutingDecision::getPromptId).containsExactly("p-1");
            assertThat(k.counters.count("dead-letters{topic=prompts,reason=truncated}")).isEqualTo(1);
        }
    }

    @Test
    void shouldDeadLetterBytesThatAreNotConfluentFramed() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.prompts.pipeInput("p-0", "{\"id\": \"p-0\"}".getBytes(StandardCharsets.UTF_8), T0);

            TestRecord<byte[], byte[]> letter = k.readDeadLetters().get(0);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("unknown-magic-byte");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_MESSAGE)).contains("looks like JSON");
        }
    }

    @Test
    void shouldDeadLetterUnknownSchemaId() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            byte[] value = k.promptCodec.encode(KrouteTopics.PROMPTS, KrouteDriver.prompt("p-0", "acme", "apple"));
            value[1] = 0x7f; // schema id 0x7f00000x: never registered
            k.prompts.pipeInput("p-0", value, T0);

            TestRecord<byte[], byte[]> letter = k.readDeadLetters().get(0);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("unknown-schema-id");
            assertThat(k.readDecisions()).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAvroPromptWithEmptyId() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.prompts.pipeInput("", k.promptCodec.encode(KrouteTopics.PROMPTS, KrouteDriver.prompt(" ", "acme", "x")), T0);

            TestRecord<byte[], byte[]> letter = k.readDeadLetters().get(0);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("missing-field");
        }
    }

    @Test
    void shouldDeadLetterJsonPromptsWithMissingFieldsOrInvalidUtf8() {
        try (KrouteDriver k = new KrouteDriver(config().promptFormat(PromptFormat.JSON).build(),
                TestWeights.file("v1"))) {
            k.prompts.pipeInput("p-1", "{\"id\": \"p-1\", \"text\": \"apple\"}".getBytes(StandardCharsets.UTF_8), T0);
            byte[] badUtf8 = "{\"id\": \"p-2\", \"tenant\": \"t\", \"text\": \"xx\", \"createdAt\": 1}"
                    .getBytes(StandardCharsets.UTF_8);
            badUtf8[badUtf8.length - 22] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8
            k.prompts.pipeInput("p-2", badUtf8, T0);
            k.prompts.pipeInput("p-3", "{\"id\": \"p-3\", \"tenant\": \"t\", \"text\": \"apple and banana\", \"createdAt\": 1}"
                    .getBytes(StandardCharsets.UTF_8), T0);

            List<TestRecord<byte[], byte[]>> letters = k.readDeadLetters();
            assertThat(letters).extracting(r -> KrouteDriver.header(r, DeadLetter.HEADER_ERROR_REASON))
                    .containsExactly("missing-field", "invalid-utf8");
            assertThat(KrouteDriver.header(letters.get(0), DeadLetter.HEADER_ERROR_MESSAGE))
                    .contains("no tenant", "no createdAt");
            assertThat(KrouteDriver.header(letters.get(1), DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("1");
            assertThat(k.readDecisions()).extracting(RoutingDecision::getLabel).containsExactly("fruit");
        }
    }

    @Test
    void shouldHoldPromptUnusualForItsTenantOnceTheTenantBaselineIsWarm() {
        KrouteConfig config = config().tenantBaselines(true).tenantMinPrompts(20).build();
        try (KrouteDriver k = new KrouteDriver(config, TestWeights.file("v1"))) {
            // This tenant sends short prompts of slightly varying length.
            for (int i = 0; i < 30; i++) {
                k.sendPrompt("p-" + i, "terse", "apple " + "banana ".repeat(i % 3), T0 + i);
            }
            assertThat(k.readDecisions()).hasSize(30);
            String medium = "apple and banana ".repeat(10);

            k.sendPrompt("p-new", "newcomer", medium, T0 + 100);
            k.sendPrompt("p-odd", "terse", medium, T0 + 101);

            // Under the shipped baseline the medium prompt is normal; for the terse tenant it is not.
            assertThat(k.readDecisions()).extracting(RoutingDecision::getPromptId).containsExactly("p-new");
            QuarantineRecord held = k.readQuarantine().get(0);
            assertThat(held.getPrompt().getId()).isEqualTo("p-odd");
            assertThat(held.getBaseline()).isEqualTo("tenant:terse");
            assertThat(k.driver.getKeyValueStore(KrouteStores.TENANT_BASELINES).get("terse")).isNotNull();
        }
    }
}
