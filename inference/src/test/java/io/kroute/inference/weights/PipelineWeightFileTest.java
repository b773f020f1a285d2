package io.kroute.inference.weights;

import static io.kroute.inference.weights.WeightFileFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.FeatureUnion;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Format version 2: vectorizers side by side (word, char_wb, and a word vectorizer over the head words) and a
 * linear model over all their columns. The golden vectors are the reader's own answers on a first load, so these
 * tests are about structure and refusals; parity with scikit-learn is proved by the parity suite.
 */
class PipelineWeightFileTest {
    private static final List<String> WORDS = List.of("apple", "banana", "code", "function", "java", "poem");
    private static final List<String> GRAMS = List.of(" a", "ap", "pp", " c", "co", "od", " p", "po");
    private static final List<String> HEAD = List.of("write", "please", "apple");
    private static final int COLUMNS = WORDS.size() + GRAMS.size() + HEAD.size();

    @Test
    void shouldLoadAUnionWithHeadWordsAndALinearModel() throws Exception {
        WeightFile file = WeightFileReader.read(sealWithGolden(v2Tree(3, "softmax")));
        TextClassifier classifier = file.classifier();
        assertThat(file.formatVersion()).isEqualTo(2);
        assertThat(classifier.vectorizer()).isInstanceOf(FeatureUnion.class);
        assertThat(classifier.vectorizer().featureCount()).isEqualTo(COLUMNS);
        Classification c = classifier.classify("Write a java function please");
        assertThat(c.probabilities()).hasSize(3);
        assertThat(c.probabilities()[0] + c.probabilities()[1] + c.probabilities()[2]).isCloseTo(1.0, within(1e-15));
        assertThat(classifier.classify("write").probabilities())
                .as("a head word moves the probabilities").isNotEqualTo(classifier.classify("").probabilities());
    }

    @Test
    void shouldLoadAPartOverTheTailWords() throws Exception {
        ObjectNode tree = v2Tree(3, "softmax");
        ObjectNode tail = (ObjectNode) tree.get("vectorizers").get(2);
        tail.putNull("headWords");
        tail.put("tailWords", 2);
        TextClassifier classifier = WeightFileReader.read(sealWithGolden(tree)).classifier();
        FeatureUnion union = (FeatureUnion) classifier.vectorizer();
        assertThat((union.headWords(2) + "/" + union.tailWords(2))).isEqualTo("0/2");
        assertThat(classifier.classify("java code, write please").probabilities())
                .as("the closing words are features of their own")
                .isNotEqualTo(classifier.classify("write please, java code").probabilities());
    }

    @Test
    void shouldRefuseHeadAndTailWordsOnOnePartAndABadWordCount() {
        ObjectNode both = v2Tree(3, "softmax");
        ((ObjectNode) both.get("vectorizers").get(2)).put("tailWords", 3);
        assertRefused(both, "unsupported", "vectorizers[2]: expected headWords or tailWords, found both");
        ObjectNode zero = v2Tree(3, "softmax");
        ((ObjectNode) zero.get("vectorizers").get(0)).put("tailWords", 0);
        assertRefused(zero, "shape", "vectorizers[0].tailWords: expected null or an integer >= 1, found 0");
    }

    @Test
    void shouldLoadTheBinaryCaseWithOneCoefficientRow() throws Exception {
        ObjectNode tree = v2Tree(2, "ovr");
        WeightFile file = WeightFileReader.read(sealWithGolden(tree));
        Classification c = file.classifier().classify("");
        // No feature: the decision is the intercept alone, 0.25, and P(second) = expit(0.25).
        assertThat(c.probabilities()[1]).isEqualTo(1.0 / (1.0 + Math.exp(-0.25)));
        assertThat(c.label()).isEqualTo("fruit");
    }

    @Test
    void shouldRefuseCoefficientsThatDoNotMatchTheVectorizersColumns() {
        ObjectNode tree = v2Tree(3, "softmax");
        ((ArrayNode) tree.path("model").path("coef").get(1)).remove(0);
        assertRefused(tree, "shape", "model.coef: expected 3 x " + COLUMNS
                + " (decision columns x the vectorizers' features), found row 1 with " + (COLUMNS - 1) + " values");
        ObjectNode missingPart = v2Tree(3, "softmax");
        ((ArrayNode) missingPart.get("vectorizers")).remove(2);
        assertRefused(missingPart, "shape", "found row 0 with " + COLUMNS + " values");
    }

    @Test
    void shouldRefuseALinearModelInAVersionOneFile() {
        ObjectNode tree = WeightFileFixture.validTree();
        ((ObjectNode) tree.get("model")).put("kind", "logistic_regression");
        assertRefused(tree, "unsupported", "model.kind: expected one of \"multinomial_nb\", \"complement_nb\" "
                + "(format version 1), found \"logistic_regression\"");
    }

    @Test
    void shouldLoadACharacterAnalyzerOverTheTailWords() throws Exception {
        ObjectNode tree = v2Tree(3, "softmax");
        ((ObjectNode) tree.get("vectorizers").get(1)).put("tailWords", 1);
        TextClassifier classifier = WeightFileReader.read(sealWithGolden(tree)).classifier();
        // " a", "ap" and "pp" of "apple" count only when "apple" is the last word.
        assertThat(classifier.classify("code apple").probabilities())
                .isNotEqualTo(classifier.classify("apple code").probabilities());
    }

    @Test
    void shouldRefuseUnknownAnalyzers() {
        ObjectNode other = v2Tree(3, "softmax");
        ((ObjectNode) other.get("vectorizers").get(1)).put("analyzer", "syllable");
        assertRefused(other, "unsupported", "vectorizers[1].analyzer: expected \"word\", \"char\" or \"char_wb\", "
                + "found \"syllable\"");
    }

    @Test
    void shouldRefuseAnUnknownProbabilityRule() {
        assertRefused(v2Tree(3, "sparsemax"), "unsupported",
                "model.probability: expected one of \"softmax\", \"ovr\", found \"sparsemax\"");
    }

    @Test
    void shouldRefuseCalibrationTargetsOutsideTheClasses() {
        ObjectNode tree = v2Tree(3, "softmax");
        ObjectNode model = (ObjectNode) tree.get("model");
        model.put("kind", "calibrated_classifier");
        model.put("method", "sigmoid");
        ObjectNode estimator = model.putArray("estimators").addObject();
        estimator.set("coef", model.get("coef"));
        estimator.set("intercept", model.get("intercept"));
        estimator.putArray("targets").add(0).add(1).add(3);
        estimator.putArray("sigmoidA").add(-1.0).add(-1.0).add(-1.0);
        estimator.putArray("sigmoidB").add(0.0).add(0.0).add(0.0);
        assertRefused(tree, "shape", "model.estimators[0].targets: expected class indices in [0, 3), found [0, 1, 3]");
    }

    /** A version 2 tree with a placeholder golden vector; {@link #sealWithGolden} replaces it with real ones. */
    private static ObjectNode v2Tree(int classes, String probability) {
        ObjectNode root = WeightFileFixture.validTree();
        root.put("formatVersion", 2);
        root.remove("vectorizer");
        ArrayNode parts = root.putArray("vectorizers");
        part(parts.addObject(), "text", "word", null, WORDS);
        part(parts.addObject(), "chars", "char_wb", null, GRAMS).putArray("ngramRange").add(2).add(2);
        part(parts.addObject(), "head", "word", 2, HEAD);
        ObjectNode model = root.putObject("model");
        model.put("kind", "logistic_regression");
        model.put("probability", probability);
        ArrayNode labels = model.putArray("classes");
        List.of("code", "fruit", "poetry").subList(0, classes).forEach(labels::add);
        Random random = new Random(7);
        int rows = classes == 2 ? 1 : classes;
        ArrayNode coef = model.putArray("coef");
        ArrayNode intercept = model.putArray("intercept");
        for (int r = 0; r < rows; r++) {
            ArrayNode row = coef.addArray();
            for (int j = 0; j < COLUMNS; j++) {
                row.add(random.nextGaussian());
            }
            intercept.add(0.25 * (r + 1));
        }
        return root;
    }

    private static ObjectNode part(ObjectNode v, String name, String analyzer, Integer headWords, List<String> terms) {
        v.put("name", name);
        v.put("analyzer", analyzer);
        if (headWords == null) {
            v.putNull("headWords");
        } else {
            v.put("headWords", headWords);
        }
        v.put("kind", "count");
        v.put("lowercase", true);
        if (analyzer.equals("word")) {
            v.put("tokenPattern", WeightFileReader.DEFAULT_TOKEN_PATTERN);
        } else {
            v.putNull("tokenPattern");
        }
        v.putArray("ngramRange").add(1).add(1);
        v.put("binary", false);
        v.putNull("stopWords");
        ArrayNode vocabulary = v.putArray("vocabulary");
        terms.forEach(vocabulary::add);
        return v;
    }

    /** Loads the tree once with golden checking effectively off (no vector can fail), then records its answers. */
    private static byte[] sealWithGolden(ObjectNode tree) throws WeightFileException {
        ObjectNode golden = tree.putObject("golden");
        golden.put("tolerance", 1e-9);
        List<String> texts = List.of("Write a java function please", "apple banana", "a poem", "");
        ArrayNode vectors = golden.putArray("vectors");
        TextClassifier classifier = classifierOf(tree);
        for (String text : texts) {
            Classification c = classifier.classify(text);
            ObjectNode v = vectors.addObject();
            v.put("text", text);
            v.put("label", c.label());
            ArrayNode p = v.putArray("probabilities");
            for (double x : c.probabilities()) {
                p.add(x);
            }
        }
        return seal(tree);
    }

    private static TextClassifier classifierOf(ObjectNode tree) throws WeightFileException {
        RawWeightFile raw = new WeightFileJson(ReaderLimits.DEFAULT).parse(seal(tree.deepCopy()));
        return new ModelAssembly().classifier(raw.model,
                new VectorizerAssembly(io.kroute.inference.text.WordTokenizer.DEFAULT_MAX_CHARS).vectorizer(raw, 2),
                2);
    }

    private static void assertRefused(ObjectNode tree, String reason, String messagePart) {
        byte[] bytes = seal(tree);
        assertThatThrownBy(() -> WeightFileReader.read(bytes))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((WeightFileException) e).reason()).isEqualTo(reason);
    }
}
