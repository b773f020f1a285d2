package io.kroute.inference.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    @Test
    void shouldMatchTheTwoPassMeanAndVariance() {
        Random random = new Random(3);
        double[] xs = new double[1000];
        RunningStats s = RunningStats.EMPTY;
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1e6 + random.nextGaussian() * 3;
            s = s.plus(xs[i]);
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        var /= xs.length;
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.mean()).isCloseTo(mean, within(1e-6));
        assertThat(s.variance()).isCloseTo(var, within(1e-6));
    }

    @Test
    void mergeOfTwoHalvesShouldEqualTheWhole() {
        Random random = new Random(5);
        RunningStats whole = RunningStats.EMPTY;
        RunningStats left = RunningStats.EMPTY;
        RunningStats right = RunningStats.EMPTY;
        for (int i = 0; i < 500; i++) {
            double x = random.nextDouble() * 100;
            whole = whole.plus(x);
            left = i < 200 ? left.plus(x) : left;
            right = i >= 200 ? right.plus(x) : right;
        }
        RunningStats merged = left.merge(right);
        assertThat(merged.count()).isEqualTo(whole.count());
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(merged.m2()).isCloseTo(whole.m2(), within(1e-6));
        assertThat(RunningStats.EMPTY.merge(left)).isEqualTo(left);
        assertThat(left.merge(RunningStats.EMPTY)).isEqualTo(left);
    }

    @Test
    void shouldIgnoreNonFiniteValues() {
        RunningStats s = RunningStats.EMPTY.plus(1).plus(Double.NaN).plus(Double.POSITIVE_INFINITY).plus(3);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.mean()).isEqualTo(2.0);
    }

    @Test
    void decayingStatsShouldHalveOldWeightEveryHalfLife() {
        DecayingStats s = DecayingStats.EMPTY.plus(10, 0, 1000);
        DecayingStats later = s.decayedTo(2000, 1000);
        assertThat(later.weight()).isCloseTo(0.25, within(1e-12));
        assertThat(later.mean()).isEqualTo(10.0);
    }

    @Test
    void decayingStatsShouldFollowADriftingStream() {
        DecayingStats s = DecayingStats.EMPTY;
        for (int i = 0; i < 1000; i++) {
            s = s.plus(i < 500 ? 0.0 : 10.0, i * 1000L, 20_000);
        }
        assertThat(s.mean()).isCloseTo(10.0, within(0.01));
    }

    @Test
    void decayingMergeOfTwoInterleavedStreamsShouldEqualTheWhole() {
        Random random = new Random(11);
        double halfLife = 50_000;
        DecayingStats whole = DecayingStats.EMPTY;
        DecayingStats even = DecayingStats.EMPTY;
        DecayingStats odd = DecayingStats.EMPTY;
        for (int i = 0; i < 400; i++) {
            double x = random.nextGaussian();
            long t = i * 500L;
            whole = whole.plus(x, t, halfLife);
            if (i % 2 == 0) {
                even = even.plus(x, t, halfLife);
            } else {
                odd = odd.plus(x, t, halfLife);
            }
        }
        DecayingStats merged = even.merge(odd, halfLife);
        assertThat(merged.weight()).isCloseTo(whole.weight(), within(1e-9));
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(merged.m2()).isCloseTo(whole.m2(), within(1e-9));
        assertThat(merged.timeMillis()).isEqualTo(whole.timeMillis());
    }

    @Test
    void infiniteHalfLifeShouldBehaveLikeWelford() {
        RunningStats w = RunningStats.EMPTY;
        DecayingStats d = DecayingStats.EMPTY;
        for (int i = 0; i < 100; i++) {
            w = w.plus(i * 0.5);
            d = d.plus(i * 0.5, i, Double.POSITIVE_INFINITY);
        }
        assertThat(d.weight()).isEqualTo(100.0);
        assertThat(d.mean()).isCloseTo(w.mean(), within(1e-12));
        assertThat(d.variance()).isCloseTo(w.variance(), within(1e-9));
    }

    @Test
    void adaptiveBaselineMergeShouldEqualTheWhole() {
        AnomalyModel model = PromptFeaturesTest.neutralModel();
        PromptAnalyzer analyzer = new PromptAnalyzer(io.kroute.inference.weights.WeightFileFixture.classifier(), model);
        String[] prompts = {"write java code", "a poem", "apple banana", "verse and rhyme", "function", "hello there"};
        AdaptiveBaseline whole = AdaptiveBaseline.empty();
        AdaptiveBaseline a = AdaptiveBaseline.empty();
        AdaptiveBaseline b = AdaptiveBaseline.empty();
        for (int i = 0; i < 60; i++) {
            PromptFeatures f = analyzer.features(prompts[i % prompts.length] + " " + i);
            whole = whole.plus(f, model, i * 100L, 3000);
            if (i < 25) {
                a = a.plus(f, model, i * 100L, 3000);
            } else {
                b = b.plus(f, model, i * 100L, 3000);
            }
        }
        AdaptiveBaseline merged = a.merge(b, 3000);
        assertThat(merged.weight()).isCloseTo(whole.weight(), within(1e-9));
        for (PromptFeature feature : PromptFeature.values()) {
            assertThat(merged.get(feature).mean()).as(feature.key()).isCloseTo(whole.get(feature).mean(), within(1e-9));
        }
    }
}
