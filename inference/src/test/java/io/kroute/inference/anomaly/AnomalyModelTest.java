package io.kroute.inference.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.anomaly.FeatureBaseline.Direction;
import io.kroute.inference.anomaly.FeatureBaseline.Method;
import io.kroute.inference.anomaly.FeatureBaseline.Transform;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnomalyModelTest {

    private static FeatureBaseline standard(Direction direction, double mean, double std) {
        return new FeatureBaseline(Transform.NONE, direction, Method.STANDARD, mean, std, 0, 0, 1e-3);
    }

    private static AnomalyModel model(double threshold) {
        FeatureBaseline[] b = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(b, standard(Direction.HIGH, 0, 1));
        b[PromptFeature.CHAR_ENTROPY.ordinal()] = standard(Direction.BOTH, 4.0, 0.5);
        b[PromptFeature.CHAR_COUNT.ordinal()] = new FeatureBaseline(Transform.LOG1P, Direction.HIGH, Method.ROBUST,
                0, 0, Math.log1p(200), 0.5, 0.05);
        return new AnomalyModel(b, threshold);
    }

    private static PromptFeatures features(double charCount, double entropy, double invisible) {
        double[] v = new double[PromptFeature.count()];
        v[PromptFeature.CHAR_COUNT.ordinal()] = charCount;
        v[PromptFeature.CHAR_ENTROPY.ordinal()] = entropy;
        v[PromptFeature.INVISIBLE_SHARE.ordinal()] = invisible;
        return PromptFeatures.of(v);
    }

    @Test
    void combinedScoreShouldBeTheLargestDirectionalZScoreAndNameItsFeature() {
        AnomalyVerdict v = model(5).score(features(200, 4.0, 0.3));
        assertThat(v.score()).isCloseTo(0.3, within(1e-12));
        assertThat(v.feature()).isEqualTo("invisibleShare");
        assertThat(v.flagged()).isFalse();

        AnomalyVerdict low = model(5).score(features(200, 1.0, 0.0));
        assertThat(low.score()).isCloseTo(6.0, within(1e-12));
        assertThat(low.feature()).isEqualTo("charEntropy");
        assertThat(low.flagged()).isTrue();
    }

    @Test
    void highDirectionShouldIgnoreLowValues() {
        FeatureBaseline high = standard(Direction.HIGH, 10, 2);
        assertThat(high.score(0)).isZero();
        assertThat(high.score(16)).isCloseTo(3.0, within(1e-12));
        assertThat(standard(Direction.LOW, 10, 2).score(4)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void robustMethodShouldUseMedianAndScaledMadOnTheTransformedValue() {
        AnomalyVerdict v = model(100).score(features(Math.expm1(Math.log1p(200) + 1.4826), 4.0, 0));
        assertThat(v.zScores()[PromptFeature.CHAR_COUNT.ordinal()]).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void zeroVarianceBaselineShouldUseTheScaleFloorAndStayFinite() {
        FeatureBaseline constant = new FeatureBaseline(Transform.NONE, Direction.BOTH, Method.STANDARD, 0, 0, 0, 0, 0.01);
        assertThat(constant.score(0)).isZero();
        assertThat(constant.score(1)).isCloseTo(100.0, within(1e-9));
        assertThat(constant.score(Double.MAX_VALUE)).isFinite();
    }

    @Test
    void nothingDeviatingShouldNameNoFeature() {
        AnomalyVerdict v = model(5).score(features(200, 4.0, 0));
        assertThat(v.score()).isZero();
        assertThat(v.feature()).isEqualTo(AnomalyVerdict.NO_FEATURE);
    }

    @Test
    void warmTenantBaselineShouldReplaceTheShippedOne() {
        AnomalyModel m = model(5);
        // A tenant whose prompts are all low-entropy (e.g. code with few symbols): entropy 1.0 is normal there.
        AdaptiveBaseline tenant = AdaptiveBaseline.empty();
        for (int i = 0; i < 200; i++) {
            tenant = tenant.plus(features(200, 1.0 + (i % 5) * 0.1, 0), m, 1000L * i, Double.POSITIVE_INFINITY);
        }
        PromptFeatures lowEntropy = features(200, 1.1, 0);
        assertThat(m.score(lowEntropy).flagged()).isTrue();
        assertThat(m.score(lowEntropy, tenant, 100).flagged()).isFalse();
        assertThat(m.score(lowEntropy, tenant, 1000).flagged()).as("still warming up").isTrue();
    }

    @Test
    void shouldRefuseInvalidConfiguration() {
        FeatureBaseline[] b = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(b, standard(Direction.HIGH, 0, 1));
        assertThatThrownBy(() -> new AnomalyModel(b, Double.NaN)).hasMessageContaining("positive finite");
        assertThatThrownBy(() -> new AnomalyModel(Arrays.copyOf(b, 3), 5)).hasMessageContaining("expected a baseline for each");
        assertThatThrownBy(() -> new FeatureBaseline(Transform.NONE, Direction.HIGH, Method.STANDARD, Double.NaN, 1, 0, 1, 1))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new FeatureBaseline(Transform.NONE, Direction.HIGH, Method.STANDARD, 0, 1, 0, 1, 0))
                .hasMessageContaining("scaleFloor must be positive");
    }

    @Test
    void log1pShouldGiveMathLog1pExactlyForSmallWholeNumbersAndToAnUlpElsewhere() {
        for (int k = 0; k < 1024; k++) {
            assertThat(Transform.LOG1P.apply(k)).isEqualTo(Math.log1p(k));
        }
        for (double x : new double[] {1e-300, 1e-9, 0.5, 0.999, 1.0 + 1e-12, 3.7, 1023.5, 1024, 4999, 1e6 + 0.25, 1e300,
                Double.MAX_VALUE}) {
            double expected = Math.log1p(x);
            assertThat(Transform.LOG1P.apply(x)).as("log1p(%s)", x).isCloseTo(expected, within(Math.ulp(expected)));
        }
        assertThat(Transform.LOG1P.apply(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Transform.LOG1P.apply(-3)).isEqualTo(0.0);
        assertThat(Transform.LOG1P.apply(-0.0)).isEqualTo(0.0);
        assertThat(Transform.LOG1P.apply(Double.NaN)).isNaN();
    }

    @Test
    void precomputedCentreAndScaleShouldScoreAsTheBaselineItself() {
        AnomalyModel m = model(5);
        PromptFeatures f = features(12345, 6.1, 0.02);
        AnomalyVerdict v = m.score(f);
        for (int i = 0; i < PromptFeature.count(); i++) {
            assertThat(v.zScores()[i]).isEqualTo(m.baseline(i).score(f.get(i)));
        }
    }
}
