package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArmDistributionTest {

    @Test
    void shouldNeverDrawAnArmOfProbabilityZero() {
        ArmDistribution d = ArmDistribution.of(List.of("a", "b", "c"), new double[] {0, 1, 0}, 0, "p", "s", 1);
        SplittableRandom random = new SplittableRandom(1);

        for (int i = 0; i < 10_000; i++) {
            assertThat(d.sample(random).arm()).isEqualTo("b");
        }
    }

    @Test
    void shouldDrawArmsWithTheirLoggedPropensities() {
        ArmDistribution d = ArmDistribution.of(List.of("a", "b", "c"), new double[] {0.2, 0.5, 0.3}, 0, "p", "s", 1);
        SplittableRandom random = new SplittableRandom(2);
        int[] counts = new int[3];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[d.sample(random).index()]++;
        }

        assertThat((double) counts[0] / draws).isCloseTo(0.2, within(0.004));
        assertThat((double) counts[1] / draws).isCloseTo(0.5, within(0.004));
    }

    @Test
    void shouldCapAFloorAboveOneOverKAtUniformChoice() {
        ArmDistribution d = ArmDistribution.of(List.of("a", "b"), new double[] {1, 0}, 0.9, "p", "s", 1);

        assertThat(d.probabilities()).containsExactly(0.5, 0.5);
    }

    @Test
    void shouldRejectProbabilitiesThatDoNotSumToOne() {
        assertThatThrownBy(() -> ArmDistribution.of(List.of("a", "b"), new double[] {0.5, 0.6}, 0, "p", "s", 1))
                .hasMessageContaining("expected a sum of 1, found 1.1");
        assertThatThrownBy(() -> ArmDistribution.of(List.of(), new double[0], 0, "p", "s", 1))
                .hasMessage("no arms to choose from");
    }
}
