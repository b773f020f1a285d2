package io.kroute.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.TermIndex;
import io.kroute.inference.text.TextVectorizer;
import io.kroute.inference.text.WordTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probability rules of the linear models on decisions small enough to check by hand. */
class LinearModelTest {
    private static final TextVectorizer ONE_WORD = TextVectorizer.count(new WordTokenizer(),
            TermIndex.of(new String[] {"go"}), null, 1, 1, false);

    /** The decision of "go" (one feature, count 1) is {@code weights[c] + intercepts[c]}. */
    private static Classification classify(ClassModel model, List<String> classes, String text) {
        SparseFeatures x = new SparseFeatures();
        ONE_WORD.transform(text, x);
        return model.classify(x, classes);
    }

    private static LinearScores column(double... weights) {
        double[][] rows = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            rows[c] = new double[] {weights[c]};
        }
        return new LinearScores(rows, new double[weights.length]);
    }

    @Test
    void binaryOneVsRestShouldGiveOneMinusExpitAndExpit() {
        LinearModel model = new LinearModel(ModelKind.SGD_CLASSIFIER, column(2.0), LinearModel.Link.ONE_VS_REST, 2);
        Classification c = classify(model, List.of("no", "yes"), "go");
        double p = 1.0 / (1.0 + Math.exp(-2.0));
        assertThat(c.probabilities()).containsExactly(1 - p, p);
        assertThat(c.label()).isEqualTo("yes");
        assertThat(classify(model, List.of("no", "yes"), "").label()).as("a zero decision is not > 0").isEqualTo("no");
    }

    @Test
    void binarySoftmaxShouldUseMinusAndPlusTheDecision() {
        LinearModel model = new LinearModel(ModelKind.LOGISTIC_REGRESSION, column(1.0), LinearModel.Link.SOFTMAX, 2);
        double[] p = classify(model, List.of("a", "b"), "go").probabilities();
        double e = Math.exp(-2.0);
        assertThat(p).containsExactly(e / (e + 1.0), 1.0 / (e + 1.0));
    }

    @Test
    void modifiedHuberShouldClipAndFallBackToUniformWhenEveryClassIsZero() {
        LinearModel model = new LinearModel(ModelKind.SGD_CLASSIFIER, column(-3.0, -1.5, -1.0),
                LinearModel.Link.MODIFIED_HUBER, 3);
        Classification c = classify(model, List.of("a", "b", "c"), "go");
        assertThat(c.probabilities()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
        assertThat(c.label()).as("the label is the decision's argmax, not the probabilities'").isEqualTo("c");
        LinearModel binary = new LinearModel(ModelKind.SGD_CLASSIFIER, column(0.5), LinearModel.Link.MODIFIED_HUBER, 2);
        assertThat(classify(binary, List.of("a", "b"), "go").probabilities()).containsExactly(0.25, 0.75);
    }

    @Test
    void oneVsRestShouldDivideEachExpitByTheirSum() {
        LinearModel model = new LinearModel(ModelKind.LOGISTIC_REGRESSION, column(0.0, 0.0, 0.0, 0.0),
                LinearModel.Link.ONE_VS_REST, 4);
        assertThat(classify(model, List.of("a", "b", "c", "d"), "go").probabilities())
                .containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void calibratedShouldAverageItsModelsAndComplementTheBinaryCase() {
        // Decision 1.0; P = expit(-(a d + b)) with a = -1, b = 0: expit(1.0). Second model: a = 0, b = 0: 0.5.
        CalibratedModel model = new CalibratedModel(List.of(
                new CalibratedModel.Calibrated(column(1.0), new int[] {1}, new double[] {-1.0}, new double[] {0.0}),
                new CalibratedModel.Calibrated(column(1.0), new int[] {1}, new double[] {0.0}, new double[] {0.0})), 2);
        double first = 1.0 / (1.0 + Math.exp(-1.0));
        double[] p = classify(model, List.of("a", "b"), "go").probabilities();
        assertThat(p).containsExactly(((1.0 - first) + 0.5) / 2, (first + 0.5) / 2);
    }

    @Test
    void calibratedShouldGiveUniformProbabilitiesWhenEveryCalibratedValueIsZero() {
        // A class absent from the model's columns keeps 0; with a = 0, b = +infinity-like, every value is 0.
        CalibratedModel model = new CalibratedModel(List.of(new CalibratedModel.Calibrated(column(1.0, 1.0),
                new int[] {0, 2}, new double[] {0.0, 0.0}, new double[] {800.0, 800.0})), 3);
        assertThat(classify(model, List.of("a", "b", "c"), "go").probabilities())
                .containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void shouldRefuseARowCountThatFitsNeitherRule() {
        assertThatThrownBy(() -> new LinearModel(ModelKind.LOGISTIC_REGRESSION, column(1.0, 2.0),
                LinearModel.Link.SOFTMAX, 3)).hasMessageContaining("found 2 rows for 3 classes");
    }

    @Test
    void numpySumShouldAddInNumpysPairwiseOrder() {
        double[] a = new double[20];
        java.util.Arrays.fill(a, 1.0);
        a[0] = 1e16;
        // np.sum(np.array([1e16] + [1.0] * 19)) is 1.0000000000000016e16: eight partial sums keep the ones that a
        // left-to-right sum (1e16) loses one by one.
        assertThat(NumpyMath.sum(a, 0, a.length)).isEqualTo(1.0000000000000016e16);
        double leftToRight = 0.0;
        for (double v : a) {
            leftToRight += v;
        }
        assertThat(leftToRight).isEqualTo(1e16);
    }
}
