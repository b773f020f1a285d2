package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EligibleChoiceTest {

    /** Four arms, best first by posterior mean: a (0.8), b (0.6), c (0.5), d (0.3); each with 40 rewards. */
    private static final ArmView VIEW = new ArmView(List.of("a", "b", "c", "d"), new double[] {1, 1, 1, 1},
            new double[] {1, 1, 1, 1}, new double[] {40, 40, 40, 40}, new double[] {33.4, 25, 20.8, 12.2},
            new double[] {30, 18, 13, 6});
    /** b, c and d: the best arm a is not eligible. */
    private static final long WITHOUT_A = 0b1110;

    static List<String> policies() {
        return PolicyCatalog.NAMES;
    }

    @ParameterizedTest
    @MethodSource("policies")
    void shouldNeverDrawAnIneligibleArmAndLogTheProbabilityOfTheDraw(String name) {
        PolicyCatalog.Spec spec = PolicyCatalog.create(name, 1000);
        SplittableRandom random = new SplittableRandom(7);
        EligibleChoice choice = EligibleChoice.prepare(spec.policy(), VIEW, WITHOUT_A,
                spec.config().explorationFloor(), "chat", 3, random);

        assertThat(choice.distribution().arms()).containsExactly("b", "c", "d");
        assertThat(choice.fullIndex()).containsExactly(1, 2, 3);
        double total = 0;
        for (int i = 0; i < 3; i++) {
            total += choice.distribution().probability(i);
            assertThat(choice.distribution().probability(i)).isGreaterThanOrEqualTo(spec.config().explorationFloor());
        }
        assertThat(total).isCloseTo(1, within(1e-12));
        int[] drawn = new int[3];
        int n = 20_000;
        for (int k = 0; k < n; k++) {
            Choice c = choice.distribution().sample(random);
            assertThat(c.propensity()).isEqualTo(choice.distribution().probability(c.arm()));
            drawn[c.index()]++;
        }
        for (int i = 0; i < 3; i++) {
            double p = choice.distribution().probability(i);
            assertThat(drawn[i] / (double) n).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / n) + 1e-9));
        }
    }

    @Test
    void shouldNormaliseSoftmaxOverTheEligibleArmsOnly() {
        double temperature = 0.05;
        EligibleChoice choice = EligibleChoice.prepare(new Softmax(new Softmax.Config(temperature)), VIEW, WITHOUT_A,
                0, "chat", 1, new SplittableRandom(1));

        double[] z = new double[3];
        double sum = 0;
        for (int j = 0; j < 3; j++) {
            z[j] = Math.exp(VIEW.mean(j + 1) / temperature);
            sum += z[j];
        }
        for (int j = 0; j < 3; j++) {
            assertThat(choice.distribution().probability(j)).isCloseTo(z[j] / sum, within(1e-12));
        }
    }

    @Test
    void shouldGiveUcb1sArgmaxAmongTheEligibleArms() {
        EligibleChoice choice = EligibleChoice.prepare(new Ucb1(Ucb1.Config.UCB1), VIEW, 0b1010, 0, "chat", 1,
                new SplittableRandom(1));

        assertThat(choice.distribution().arms()).containsExactly("b", "d");
        assertThat(choice.distribution().probability("b")).isEqualTo(1.0);
    }

    @Test
    void shouldMatchClassicThompsonDrawsAmongTheEligibleArms() {
        ThompsonSampling thompson = new ThompsonSampling(new ThompsonSampling.Config(
                ThompsonSampling.RewardModel.FRACTIONAL, ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES));
        SplittableRandom random = new SplittableRandom(11);
        EligibleChoice choice = EligibleChoice.prepare(thompson, VIEW, WITHOUT_A, 0, "chat", 1, random);

        // Classic Thompson sampling restricted to b, c, d: draw every eligible posterior, take the largest.
        int[] wins = new int[3];
        int n = 40_000;
        for (int k = 0; k < n; k++) {
            int best = -1;
            double top = -1;
            for (int j = 0; j < 3; j++) {
                double draw = BetaSampler.beta(VIEW.alpha(j + 1), VIEW.beta(j + 1), random);
                if (draw > top) {
                    top = draw;
                    best = j;
                }
            }
            wins[best]++;
        }
        for (int j = 0; j < 3; j++) {
            assertThat(choice.distribution().probability(j)).isCloseTo(wins[j] / (double) n, within(0.02));
        }
    }

    @Test
    void shouldRankTheEligibleArmsByThePolicysEstimate() {
        EligibleChoice choice = EligibleChoice.prepare(new UniformRandom(), VIEW, 0b1101, 0, "chat", 1,
                new SplittableRandom(1));

        assertThat(choice.distribution().arms()).containsExactly("a", "c", "d");
        assertThat(choice.ranking()).containsExactly(0, 1, 2);
        assertThat(choice.best()).isZero();
        EligibleChoice reversed = EligibleChoice.prepare(new UniformRandom(), new ArmView(VIEW.arms(),
                VIEW.priorAlpha(), VIEW.priorBeta(), VIEW.weight(), new double[] {1, 2, 3, 4}, VIEW.rewardSquareSum()),
                0b1111, 0, "chat", 1, new SplittableRandom(1));
        assertThat(reversed.ranking()).containsExactly(3, 2, 1, 0);
    }
}
