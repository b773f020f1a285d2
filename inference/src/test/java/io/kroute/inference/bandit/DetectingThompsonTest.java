package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectingThompsonTest {

    private static final DetectingThompson.Config EXPLORATION = new DetectingThompson.Config(0.1, 0.01, 1_000);

    private static ArmView view(double quiet) {
        return new ArmView(List.of("a", "b", "c"), new double[] {1, 1, 1}, new double[] {1, 1, 1},
                new double[] {400, 30, 300}, new double[] {320, 15, 150}, new double[] {300, 12, 120}, quiet);
    }

    @Test
    void shouldIncludeTheForcedExplorationInThePropensityExactly() {
        DetectingThompson policy = new DetectingThompson(EXPLORATION);
        for (double quiet : new double[] {0, 1_000, 5_000, Double.POSITIVE_INFINITY}) {
            ArmView view = view(quiet);
            double[] thompson = DetectingThompson.thompsonProbabilities(view);
            double gamma = EXPLORATION.exploration(quiet);
            double[] p = policy.selectionProbabilities(view, new SplittableRandom(1));
            for (int i = 0; i < 3; i++) {
                assertThat(p[i]).as("quiet %s, arm %d", quiet, i).isCloseTo((1 - gamma) * thompson[i] + gamma / 3,
                        within(1e-15));
                assertThat(p[i]).isGreaterThanOrEqualTo(gamma / 3);
            }
        }
    }

    @Test
    void shouldDecayTheForcedExplorationWhileNothingChanges() {
        assertThat(EXPLORATION.exploration(0)).isCloseTo(0.1, within(1e-12));
        assertThat(EXPLORATION.exploration(1_000)).isCloseTo(0.055, within(1e-12));
        assertThat(EXPLORATION.exploration(1e9)).isCloseTo(0.01, within(1e-12));
        assertThat(EXPLORATION.exploration(Double.POSITIVE_INFINITY)).isEqualTo(0.01);
    }

    @Test
    void shouldLogThePropensityOfTheDistributionItDrewFrom() {
        ArmBandit bandit = new ArmBandit(new DetectingThompson(EXPLORATION),
                new BanditConfig(PolicyCatalog.detecting(1_000), 0.001, ArmPrior.UNIFORM), new SplittableRandom(4));
        bandit.addArm("a");
        bandit.addArm("b");
        SplittableRandom random = new SplittableRandom(9);
        for (long t = 0; t < 3_000; t++) {
            String arm = t % 2 == 0 ? "a" : "b";
            bandit.update(arm, random.nextDouble() < (arm.equals("a") ? 0.8 : 0.4) ? 1 : 0, t);
        }
        bandit.publish();
        double gamma = EXPLORATION.exploration(bandit.published().view().quietTime());

        for (int i = 0; i < 50; i++) {
            Choice choice = bandit.select();
            assertThat(choice.propensity()).isEqualTo(bandit.distribution().probability(choice.arm()));
        }
        // "b" is clearly worse: what it still gets is the forced exploration (and the floor), nothing less.
        assertThat(bandit.distribution().probability("b")).isGreaterThanOrEqualTo(gamma / 2)
                .isLessThan(gamma / 2 + 0.01);
    }

    @Test
    void shouldMatchTheFrequenciesOfClassicThompsonDrawsFromTheSamePosteriors() {
        double[] mean = {0.50, 0.55, 0.60, 0.45, 0.58};
        double[] sd = {0.05, 0.08, 0.02, 0.15, 0.001};
        double[] p = NormalMaximum.probabilities(mean, sd);

        SplittableRandom random = new SplittableRandom(3);
        int draws = 400_000;
        int[] wins = new int[mean.length];
        for (int d = 0; d < draws; d++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < mean.length; i++) {
                double x = mean[i] + sd[i] * random.nextGaussian();
                if (x > bestValue) {
                    bestValue = x;
                    best = i;
                }
            }
            wins[best]++;
        }
        // Frequencies of 400,000 draws are within ±0.0016 (95%); the quadrature within its documented 1e-3.
        for (int i = 0; i < mean.length; i++) {
            assertThat(p[i]).as("arm %d", i).isCloseTo((double) wins[i] / draws, within(0.003));
        }
        assertThat(p[0] + p[1] + p[2] + p[3] + p[4]).isCloseTo(1, within(1e-12));
    }

    @Test
    void shouldComputeTheNormalDistributionFunctionToSevenDigits() {
        assertThat(NormalMaximum.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NormalMaximum.normalCdf(1.959964)).isCloseTo(0.975, within(1e-7));
        assertThat(NormalMaximum.normalCdf(-3)).isCloseTo(0.0013498980, within(1e-8));
    }
}
