package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void shouldExportEveryCounterAtZeroFromTheStart() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MicrometerKrouteCounters(registry).registerAtZero(List.of("code", "math"), List.of("alpha", "beta"));

        String text = registry.scrape();

        assertThat(text).contains("kroute_decisions_total{class=\"math\",provider=\"beta\"} 0.0",
                "kroute_quarantined_total{class=\"code\"} 0.0",
                "kroute_dead_letters_total{reason=\"invalid-json\",topic=\"prompts\"} 0.0",
                "kroute_dead_letters_total{reason=\"unmatched\",topic=\"rewards\"} 0.0",
                "kroute_rewards_folded_total{class=\"code\",defaulted=\"true\",provider=\"alpha\"} 0.0",
                "kroute_rewards_unmatched_total{reason=\"late\"} 0.0",
                "kroute_rewards_duplicate_total 0.0");
        assertThat(text).doesNotContain("reason=\"unmatched\",topic=\"prompts\"");
    }

    @Test
    void shouldReportCountsAndTheModelOnOneLine() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerKrouteCounters counters = new MicrometerKrouteCounters(registry);
        counters.registerAtZero(List.of("code"), List.of("alpha"));
        StatusLine status = new StatusLine(registry, Map::of, () -> "default v3", new PrintWriter(new StringWriter()));
        counters.decision("code", "alpha");
        counters.decision("code", "alpha");
        counters.quarantined("code");
        counters.deadLetter("prompts", "invalid-json");
        counters.deadLetter("rewards", "unmatched");

        String line = status.line();

        assertThat(line).startsWith("kroute: ").contains(" prompts/s, 2 decided, 1 quarantined, 2 dead letters, lag 0, "
                + "model default v3");
    }
}
