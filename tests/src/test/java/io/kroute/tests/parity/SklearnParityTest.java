package io.kroute.tests.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.WordTokenizer;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java classifier against scikit-learn on real text: for every data set and configuration of the
 * {@link ParitySuite}, the trainer compiles a pipeline fitted on a training split into a weight file, and every
 * held-out text must get scikit-learn's label and its probabilities within 1e-12 (count features) or 1e-9
 * (tf-idf).
 */
class SklearnParityTest {

    private static final Map<ParitySuite.DataSet, List<String>> SUITE = ParitySuite.configurations();
    private static final List<String> DATA_SETS = SUITE.keySet().stream().map(ParitySuite.DataSet::name).toList();
    private static final int MIN_COMPARED_TEXTS = 1000;
    private static final int MISMATCHES_REPORTED = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Path> OUTPUT_BY_DATA_SET = new LinkedHashMap<>();

    @BeforeAll
    static void trainAndPredictWithScikitLearn() throws Exception {
        // One Python process per data set, side by side: each imports scikit-learn once for all configurations.
        List<ScikitLearnRun> runs = new ArrayList<>();
        for (Map.Entry<ParitySuite.DataSet, List<String>> entry : SUITE.entrySet()) {
            runs.add(ScikitLearnRun.start(entry.getKey(), entry.getValue()));
        }
        for (int i = 0; i < runs.size(); i++) {
            OUTPUT_BY_DATA_SET.put(DATA_SETS.get(i), runs.get(i).await());
            System.out.print(runs.get(i).log());
        }
    }

    static Stream<Arguments> dataSetsAndConfigurations() {
        return SUITE.entrySet().stream().flatMap(entry -> entry.getValue().stream()
                .map(c -> Arguments.of(entry.getKey().name(), c)));
    }

    static Stream<String> dataSets() {
        return DATA_SETS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void tokenizerShouldYieldScikitLearnTokensForEveryHeldOutText(String dataSet) throws IOException {
        JsonNode rows = JSON.readTree(OUTPUT_BY_DATA_SET.get(dataSet).resolve("tokens.json").toFile()).get("rows");
        WordTokenizer tokenizer = new WordTokenizer();
        List<String> mismatches = new ArrayList<>();
        for (JsonNode row : rows) {
            String text = row.get("text").asText();
            List<String> expected = strings(row.get("tokens"));
            List<String> found = tokenizer.tokens(text);
            if (!found.equals(expected)) {
                mismatches.add("text " + TextReport.describe(text) + "\n  scikit-learn tokens: "
                        + TextReport.tokens(expected) + "\n  Java tokens:         " + TextReport.tokens(found));
            }
        }
        System.out.printf("tokens %-18s texts=%d mismatches=%d%n", dataSet, rows.size(), mismatches.size());
        assertThat(rows.size()).as("held-out texts of %s", dataSet).isGreaterThanOrEqualTo(MIN_COMPARED_TEXTS);
        assertThat(mismatches)
                .as("texts of %s whose Java tokens differ from scikit-learn's (first %d shown)%n%s", dataSet,
                        MISMATCHES_REPORTED, String.join("\n", first(mismatches)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dataSetsAndConfigurations")
    void classifierShouldAgreeWithScikitLearnOnEveryHeldOutText(String dataSet, String configuration)
            throws IOException, WeightFileException {
        Path folder = OUTPUT_BY_DATA_SET.get(dataSet).resolve(configuration);
        WeightFile weights = WeightFileReader.read(folder.resolve("weights.json"));
        TextClassifier classifier = weights.classifier();
        JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
        List<String> classes = strings(expected.get("classes"));
        double tolerance = ParitySuite.tolerance(configuration);

        assertThat(classifier.classes()).as("classes of %s %s", dataSet, configuration).isEqualTo(classes);

        int compared = 0;
        double worstDelta = 0;
        String worstReport = "none";
        List<String> labelMismatches = new ArrayList<>();
        for (JsonNode row : expected.get("rows")) {
            String text = row.get("text").asText();
            String sklearnLabel = row.get("label").asText();
            double[] sklearnProbabilities = doubles(row.get("probabilities"));
            Classification classification = classifier.classify(text);
            double[] javaProbabilities = classification.probabilities();
            compared++;

            assertThat(javaProbabilities).as("probabilities for %s", TextReport.describe(text))
                    .hasSameSizeAs(sklearnProbabilities);
            int worstClass = 0;
            double delta = 0;
            for (int c = 0; c < sklearnProbabilities.length; c++) {
                double d = Math.abs(javaProbabilities[c] - sklearnProbabilities[c]);
                // A NaN must count as the worst possible difference, never slip past a comparison.
                if (!(d <= delta)) {
                    delta = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                    worstClass = c;
                }
            }
            if (!classification.label().equals(sklearnLabel)) {
                labelMismatches.add(mismatch(text, classes, sklearnLabel, classification.label(),
                        sklearnProbabilities, javaProbabilities));
            }
            if (delta > worstDelta || compared == 1) {
                worstDelta = delta;
                worstReport = "text " + TextReport.describe(text) + "\n  class " + classes.get(worstClass)
                        + ": scikit-learn " + sklearnProbabilities[worstClass] + ", Java "
                        + javaProbabilities[worstClass] + " (|delta| " + delta + ")";
            }
        }
        System.out.printf("parity %-18s %-34s texts=%d label mismatches=%d max|dp|=%.3e (bound %.0e)%n",
                dataSet, configuration, compared, labelMismatches.size(), worstDelta, tolerance);

        assertThat(compared).as("held-out texts compared for %s %s", dataSet, configuration)
                .isGreaterThanOrEqualTo(MIN_COMPARED_TEXTS);
        assertThat(labelMismatches)
                .as("texts of %s %s where Java's label differs from scikit-learn's predict (first %d shown)%n%s",
                        dataSet, configuration, MISMATCHES_REPORTED, String.join("\n", first(labelMismatches)))
                .isEmpty();
        assertThat(worstDelta)
                .as("largest |Java - scikit-learn| probability for %s %s, at%n%s", dataSet, configuration, worstReport)
                .isLessThanOrEqualTo(tolerance);
    }

    private static String mismatch(String text, List<String> classes, String sklearnLabel, String javaLabel,
            double[] sklearnProbabilities, double[] javaProbabilities) {
        StringBuilder out = new StringBuilder("text ").append(TextReport.describe(text))
                .append("\n  scikit-learn label ").append(sklearnLabel).append(", Java label ").append(javaLabel);
        for (int c = 0; c < classes.size(); c++) {
            out.append("\n    ").append(classes.get(c)).append(": scikit-learn ").append(sklearnProbabilities[c])
                    .append(", Java ").append(c < javaProbabilities.length ? javaProbabilities[c] : Double.NaN);
        }
        return out.toString();
    }

    private static List<String> first(List<String> reports) {
        return reports.subList(0, Math.min(MISMATCHES_REPORTED, reports.size()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }
}
