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
        b[PromptFeature.MEAN_TOKEN_LENGTH.ordinal()] = standard(Direction.BOTH, 4.0, 0.5);
        b[PromptFeature.LONGEST_CHAR_RUN.ordinal()] = new FeatureBaseline(Transform.LOG1P, Direction.HIGH, Method.ROBUST,
                0, 0, Math.log1p(200), 0.5, 0.05);
        return new AnomalyModel(b, threshold);
    }

    private static PromptFeatures features(double longestRun, double meanTokenLength, double invisible) {
        double[] v = new double[PromptFeature.count()];
        v[PromptFeature.LONGEST_CHAR_RUN.ordinal()] = longestRun;
        v[PromptFeature.MEAN_TOKEN_LENGTH.ordinal()] = meanTokenLength;
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
        assertThat(low.feature()).isEqualTo("meanTokenLength");
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
        assertThat(v.zScores()[PromptFeature.LONGEST_CHAR_RUN.ordinal()]).isCloseTo(2.0, within(1e-9));
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
        AnomalyVerdict warm = m.score(lowEntropy, -1, tenant, 100);
        assertThat(warm.flagged()).isFalse();
        assertThat(warm.baseline()).isEqualTo(AnomalyVerdict.TENANT);
        assertThat(warm.baselineName("acme")).isEqualTo("tenant:acme");
        assertThat(m.score(lowEntropy, -1, tenant, 1000).flagged()).as("still warming up").isTrue();
    }

    private static ClassBaseline classBaseline(String label, long prompts, double invisibleMean) {
        FeatureBaseline[] b = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(b, standard(Direction.HIGH, 0, 1));
        b[PromptFeature.INVISIBLE_SHARE.ordinal()] = standard(Direction.HIGH, invisibleMean, 0.1);
        return new ClassBaseline(label, prompts, b);
    }

    private static AnomalyModel classModel(double prior, ClassBaseline... classes) {
        FeatureBaseline[] b = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(b, standard(Direction.HIGH, 0, 1));
        return new AnomalyModel(b, 3, java.util.List.of(classes), prior);
    }

    @Test
    void shouldCompareAPromptWithItsClassBaselineShrunkTowardTheGlobalOne() {
        // Global: mean 0, scale 1. "extract" has 900 prompts whose invisible share centres on 0.5 (scale 0.1);
        // with a prior of 100 prompts its weight is 0.9: centre 0.45, scale 0.9 * 0.1 + 0.1 * 1 = 0.19.
        AnomalyModel m = classModel(100, classBaseline("extract", 900, 0.5), classBaseline("summarize", 0, 0.5));
        PromptFeatures f = features(0, 0, 0.83);
        AnomalyVerdict asExtract = m.score(f, 0, null, Double.POSITIVE_INFINITY);
        assertThat(asExtract.zScores()[PromptFeature.INVISIBLE_SHARE.ordinal()]).isCloseTo((0.83 - 0.45) / 0.19,
                within(1e-12));
        assertThat(asExtract.baseline()).isEqualTo("class:extract");
        assertThat(asExtract.flagged()).isFalse();
        // A class without evidence scores against the global baseline (weight 0), but is still named.
        AnomalyVerdict asSummary = m.score(f, 1, null, Double.POSITIVE_INFINITY);
        assertThat(asSummary.zScores()[PromptFeature.INVISIBLE_SHARE.ordinal()]).isCloseTo(0.83, within(1e-12));
        assertThat(asSummary.baseline()).isEqualTo("class:summarize");
        assertThat(m.score(f).baseline()).isEqualTo(AnomalyModel.GLOBAL);
    }

    @Test
    void aClassBaselineShouldNeverBeTighterThanTheGlobalScaleFloor() {
        FeatureBaseline[] global = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(global, new FeatureBaseline(Transform.NONE, Direction.HIGH, Method.STANDARD, 0, 0.01, 0, 0, 0.05));
        FeatureBaseline[] own = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(own, new FeatureBaseline(Transform.NONE, Direction.HIGH, Method.STANDARD, 0, 0.001, 0, 0, 0.001));
        AnomalyModel m = new AnomalyModel(global, 3, java.util.List.of(new ClassBaseline("tight", 100_000, own)), 100);
        assertThat(m.scale(0, 0)).isEqualTo(0.05);
        assertThat(m.scale(-1, 0)).isEqualTo(0.05);
    }

    @Test
    void classWeightShouldGrowSmoothlyWithEvidence() {
        double previous = -1;
        for (long n : new long[] {0, 1, 10, 50, 100, 1000, 100_000}) {
            ClassBaseline c = classBaseline("c", n, 0);
            assertThat(c.weight(100)).isGreaterThan(previous).isLessThan(1.0);
            previous = c.weight(100);
        }
        assertThat(classBaseline("c", 100, 0).weight(100)).isEqualTo(0.5);
        assertThat(classBaseline("c", 0, 0).weight(100)).isZero();
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
