package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThompsonSamplingTest {

    private static final ThompsonSampling FRACTIONAL = new ThompsonSampling(new ThompsonSampling.Config(
            ThompsonSampling.RewardModel.FRACTIONAL, ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES));

    @Test
    void shouldEstimatePropensitiesThatMatchTheFrequenciesOfClassicThompsonDraws() {
        // Overlapping posteriors, so several arms have a real chance to be the largest draw.
        ArmView view = TestStates.bernoulli(1, new double[] {0.50, 0.55, 0.60, 0.45}, new int[] {40, 30, 25, 60})
                .view();
        double[] estimated = FRACTIONAL.selectionProbabilities(view, new SplittableRandom(2));

        // Classic Thompson sampling: draw every posterior, take the largest, many times.
        double[][] posterior = FRACTIONAL.posterior(view);
        SplittableRandom random = new SplittableRandom(3);
        int draws = 40_000;
        int[] wins = new int[view.size()];
        for (int i = 0; i < draws; i++) {
            wins[ThompsonSampling.sampleArgmax(posterior[0], posterior[1], random)]++;
        }
        double[] empirical = TestStates.frequencies(wins, draws);

        // Estimate within its documented ±0.0098, empirical frequency within ±0.005 (95% each): allow 0.02.
        for (int i = 0; i < view.size(); i++) {
            assertThat(estimated[i]).as("arm %d", i).isCloseTo(empirical[i], within(0.02));
        }
        assertThat(estimated[2]).isGreaterThan(estimated[3]);
    }

    @Test
    void shouldDocumentAPrecisionOfOnePercentAtTheDefaultSampleCount() {
        assertThat(FRACTIONAL.config().precision95()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void shouldConcentrateOnTheBestArmOnceEvidenceIsClear() {
        ArmView view = TestStates.bernoulli(4, new double[] {0.3, 0.8, 0.5}, new int[] {300, 300, 300}).view();

        double[] p = FRACTIONAL.selectionProbabilities(view, new SplittableRandom(5));

        assertThat(p[1]).isGreaterThan(0.99);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldStopDrawingEarlyOnlyWhenEveryEstimateIsAlreadyPreciseEnough() {
        ArmView clear = TestStates.bernoulli(4, new double[] {0.3, 0.8, 0.5}, new int[] {300, 300, 300}).view();
        ArmView close = TestStates.bernoulli(1, new double[] {0.50, 0.55, 0.60, 0.45}, new int[] {40, 30, 25, 60})
                .view();

        ThompsonSampling.Estimate early = FRACTIONAL.estimate(clear, new SplittableRandom(5));
        ThompsonSampling.Estimate full = FRACTIONAL.estimate(close, new SplittableRandom(5));

        assertThat(early.draws()).isEqualTo(2000);
        assertThat(full.draws()).isEqualTo(ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES);
        assertThat(ThompsonSampling.halfWidth95(new long[] {1900, 100}, 2000))
                .isCloseTo(1.959964 * Math.sqrt(0.95 * 0.05 / 2000), within(1e-12));
    }

    @Test
    void shouldRepeatExactlyWithTheSameSeed() {
        ArmView view = TestStates.bernoulli(1, new double[] {0.5, 0.55}, new int[] {20, 20}).view();

        assertThat(FRACTIONAL.selectionProbabilities(view, new SplittableRandom(9)))
                .containsExactly(FRACTIONAL.selectionProbabilities(view, new SplittableRandom(9)));
    }

    @Test
    void shouldSharpenTheVarianceScaledPosteriorForLowVarianceRewards() {
        // Rewards always 0.7: the mean is as certain as it gets, far more than coin flips of mean 0.7 would be.
        BanditState state = BanditState.empty(Forgetting.none()).withArm("a", ArmPrior.UNIFORM);
        for (int t = 0; t < 100; t++) {
            state = state.withReward("a", 0.7, t);
        }
        ThompsonSampling scaled = new ThompsonSampling(new ThompsonSampling.Config(
                ThompsonSampling.RewardModel.VARIANCE_SCALED, 1000));

        double[][] sharp = scaled.posterior(state.view());
        double[][] plain = FRACTIONAL.posterior(state.view());

        assertThat(state.view().varianceRatio(0, ThompsonSampling.MAX_VARIANCE_RATIO))
                .isEqualTo(ThompsonSampling.MAX_VARIANCE_RATIO);
        assertThat(sharp[0][0]).isCloseTo(1 + 10 * 70, within(1e-9));
        assertThat(sharp[1][0]).isCloseTo(1 + 10 * 30, within(1e-9));
        assertThat(plain[0][0]).isCloseTo(71, within(1e-9));
    }

    @Test
    void shouldKeepTheVarianceRatioAtOneForCoinFlipRewards() {
        ArmView view = TestStates.bernoulli(6, new double[] {0.4}, new int[] {500}).view();

        assertThat(view.varianceRatio(0, 10)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldRefuseFractionalRewardsInTheBernoulliModel() {
        ArmBandit bandit = new ArmBandit(new ThompsonSampling(new ThompsonSampling.Config(
                ThompsonSampling.RewardModel.BERNOULLI, 1000)), BanditConfig.stationary(), new SplittableRandom(1));
        bandit.addArm("a");

        UpdateResult result = bandit.update("a", 0.5, 0);

        assertThat(result.applied()).isFalse();
        assertThat(result.rejection()).isEqualTo(RewardRejections.Reason.NOT_BINARY);
        assertThat(bandit.update("a", 1, 1).applied()).isTrue();
        assertThat(bandit.working().arm("a").evidence().updates()).isEqualTo(1);
    }

    @Test
    void shouldRejectTooFewPropensitySamples() {
        assertThatThrownBy(() -> new ThompsonSampling.Config(ThompsonSampling.RewardModel.FRACTIONAL, 10))
                .hasMessage("propensitySamples: expected at least 100, found 10");
    }

    @Test
    void shouldDrawBetaVariatesWithTheRightMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(8);
        for (double[] ab : new double[][] {{0.3, 0.6}, {2, 5}, {40, 12}}) {
            double a = ab[0];
            double b = ab[1];
            int n = 60_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double x = BetaSampler.beta(a, b, random);
                assertThat(x).isBetween(0.0, 1.0);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            double variance = squares / n - mean * mean;
            double expectedMean = a / (a + b);
            double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
            assertThat(mean).as("mean of Beta(%s, %s)", a, b).isCloseTo(expectedMean, within(0.005));
            assertThat(variance).as("variance of Beta(%s, %s)", a, b)
                    .isCloseTo(expectedVariance, within(expectedVariance * 0.05));
        }
    }
}
