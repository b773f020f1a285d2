package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RewardFunctionTest {

    private final RewardFunction function = new RewardFunction(new RewardFunction.Weights(0.4, 0.3, 0.2, 0.1, 1000, 0.01));

    @Test
    void shouldCombineSuccessQualityLatencyAndCostByTheDocumentedFormula() {
        // latency 1000 ms at scale 1000 -> 1/2; cost 0.03 at scale 0.01 -> 1/4.
        double reward = function.reward(true, 0.8, 1000, 0.03);

        assertThat(reward).isCloseTo((0.4 + 0.3 * 0.8 + 0.2 * 0.5 + 0.1 * 0.25) / 1.0, within(1e-12));
    }

    @Test
    void shouldGiveZeroForAFailedCallWhateverItsSpeedAndPrice() {
        assertThat(function.reward(false, 1.0, 0, 0)).isZero();
    }

    @Test
    void shouldLeaveAMissingQualityOutOfNumeratorAndDenominator() {
        double reward = function.reward(true, Double.NaN, 0, 0);

        assertThat(reward).isCloseTo((0.4 + 0.2 + 0.1) / 0.7, within(1e-12));
    }

    @Test
    void shouldStayInsideTheUnitInterval() {
        assertThat(function.reward(true, 1, 0, 0)).isEqualTo(1.0);
        assertThat(function.reward(true, 0, 1e12, 1e12)).isBetween(0.0, 1.0);
    }

    @Test
    void shouldRejectImpossibleOutcomes() {
        assertThatThrownBy(() -> function.reward(true, 0.5, -1, 0))
                .hasMessage("latencyMs: expected a finite number >= 0, found -1.0");
        assertThatThrownBy(() -> function.reward(true, 0.5, 10, Double.NaN))
                .hasMessage("cost: expected a finite number >= 0, found NaN");
        assertThatThrownBy(() -> function.reward(true, 1.5, 10, 0))
                .hasMessage("quality: expected a number in [0, 1] or none, found 1.5");
    }

    @Test
    void shouldRejectWeightsThatAreAllZeroOrNegative() {
        assertThatThrownBy(() -> new RewardFunction.Weights(0, 0, 0, 0, 1, 1))
                .hasMessageContaining("expected at least one weight > 0");
        assertThatThrownBy(() -> new RewardFunction.Weights(-1, 0, 0, 1, 1, 1))
                .hasMessage("success weight: expected a finite number >= 0, found -1.0");
    }
}
