package io.kroute.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void shouldTakeNearestRankPercentilesOfUnsortedSamples() {
        long[] samples = new long[200];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 200 - i; // 200 down to 1
        }
        LatencySummary summary = LatencySummary.of(samples, 200);
        assertThat(summary.samples()).isEqualTo(200);
        assertThat(summary.p50Millis()).isEqualTo(100);
        assertThat(summary.p99Millis()).isEqualTo(198);
        assertThat(summary.maxMillis()).isEqualTo(200);
    }

    @Test
    void shouldUseOnlyTheFilledPrefixOfTheArray() {
        long[] samples = {7, 3, 5, 1000, 1000};
        LatencySummary summary = LatencySummary.of(samples, 3);
        assertThat(summary.p50Millis()).isEqualTo(5);
        assertThat(summary.maxMillis()).isEqualTo(7);
    }

    @Test
    void shouldRefuseARunWithoutSamples() {
        assertThatThrownBy(() -> LatencySummary.of(new long[4], 0))
                .hasMessageContaining("expected at least one latency sample, found none");
    }
}
