package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.schemas.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole loop inside the driver: decisions → simulated dispatch → rewards → arm-state → next decisions. */
class LearningEndToEndTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Test
    void shouldMoveEachClassToTheProviderThatServesItBest() {
        KrouteConfig config = KrouteConfig.builder().providers(List.of("alpha", "beta", "gamma"))
                .armStatePublishInterval(Duration.ZERO).seed(7).build();
        // code is best served by alpha, fruit by beta; every other pairing mostly fails.
        Map<String, String> best = Map.of("code", "alpha", "fruit", "beta");
        Map<String, String> texts = Map.of("code", "write a java function", "fruit", "apple and banana");
        java.util.SplittableRandom outcomes = new java.util.SplittableRandom(11);
        try (KrouteDriver k = new KrouteDriver(config, TestWeights.file("v1"))) {
            int rounds = 400;
            int lateHits = 0;
            int lateCount = 0;
            int earlyHits = 0;
            int earlyCount = 0;
            for (int i = 0; i < rounds; i++) {
                String label = i % 2 == 0 ? "code" : "fruit";
                long time = T0 + i * 1000L;
                k.sendPrompt("p-" + i, "acme", texts.get(label), time);
                RoutingDecision d = k.readDecisions().get(0);
                assertThat(d.getLabel()).isEqualTo(label);
                boolean good = d.getProvider().equals(best.get(label));
                boolean success = good ? outcomes.nextDouble() < 0.9 : outcomes.nextDouble() < 0.2;
                k.sendReward(d.getPromptId(), d.getProvider(), success, 800, 0.001, null, time + 500);
                if (i < 60) {
                    earlyCount++;
                    earlyHits += good ? 1 : 0;
                } else if (i >= rounds - 100) {
                    lateCount++;
                    lateHits += good ? 1 : 0;
                }
            }
            double early = (double) earlyHits / earlyCount;
            double late = (double) lateHits / lateCount;
            assertThat(late).as("share of best-provider decisions in the last 100 rounds (first 60: %s)", early)
                    .isGreaterThan(0.85);
            assertThat(late).isGreaterThan(early);
            assertThat(k.counters.total("rewards-folded{")).isEqualTo(rounds);
        }
    }
}
