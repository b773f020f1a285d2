package io.kroute.inference.weights;

import static io.kroute.inference.weights.WeightFileFixture.seal;
import static io.kroute.inference.weights.WeightFileFixture.sealText;
import static io.kroute.inference.weights.WeightFileFixture.validTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.ClassBaseline;
import io.kroute.inference.anomaly.PromptAnalysis;
import io.kroute.inference.anomaly.PromptFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFileReaderTest {

    @Test
    void shouldLoadValidFileAndExposeItsProvenance() throws Exception {
        WeightFile file = WeightFileReader.read(WeightFileFixture.validBytes());
        assertThat(file.modelName()).isEqualTo("fixture");
        assertThat(file.modelVersion()).isEqualTo("20260101T000000Z-00c0ffee");
        assertThat(file.classifier().classes()).containsExactly("code", "fruit", "poetry");
        assertThat(file.vocabularySize()).isEqualTo(8);
        assertThat(file.goldenVectors()).hasSize(5);
        assertThat(file.checksum()).startsWith("sha256:").hasSize(71);
        assertThat(file.classifier().classify("java code").label()).isEqualTo("code");
    }

    @Test
    void shouldKeepUnknownSectionsForTheirOwners() throws Exception {
        ObjectNode tree = validTree();
        tree.putObject("experimental").put("threshold", 4.0);
        WeightFile file = WeightFileReader.read(seal(tree));
        assertThat(file.section("experimental")).hasValueSatisfying(n -> assertThat(n.get("threshold").asDouble()).isEqualTo(4.0));
        assertThat(file.section("bandit")).isEmpty();
    }

    @Test
    void shouldRefuseEmptyInput() {
        assertRefused(new byte[0], "empty", "found an empty input");
    }

    @Test
    void shouldRefuseTruncatedFile() {
        byte[] valid = WeightFileFixture.validBytes();
        assertRefused(Arrays.copyOf(valid, valid.length / 2), "checksum", "is the file truncated?");
    }

    @Test
    void shouldRefuseFileWithFlippedByte() {
        byte[] bytes = WeightFileFixture.validBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("banana");
        bytes[at] = 'B';
        assertRefused(bytes, "checksum", "checksum mismatch: the file declares sha256:");
    }

    @Test
    void shouldRefuseMissingChecksum() {
        ObjectNode tree = validTree();
        tree.remove("checksum");
        byte[] bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
        assertRefused(bytes, "checksum", "expected the last member to be \"checksum\"");
    }

    @Test
    void shouldRefuseUnknownFormatVersion() {
        ObjectNode tree = validTree();
        tree.put("formatVersion", 3);
        assertRefused(seal(tree), "version", "expected formatVersion 1 to 2 (the versions this reader knows), found 3");
        tree.put("formatVersion", 0);
        assertRefused(seal(tree), "version", "found 0");
    }

    @Test
    void shouldRefuseForeignFormat() {
        ObjectNode tree = validTree();
        tree.put("format", "onnx");
        assertRefused(seal(tree), "format", "expected format \"kroute-weights\", found \"onnx\"");
    }

    @Test
    void shouldRefuseWrongNumberOfClassRows() {
        ObjectNode tree = validTree();
        ((ArrayNode) tree.get("model").get("featureLogProb")).remove(2);
        assertRefused(seal(tree), "shape", "model.featureLogProb: expected 3 x 8 (classes x vocabulary), found 2 rows");
    }

    @Test
    void shouldRefuseRowShorterThanVocabulary() {
        ObjectNode tree = validTree();
        ((ArrayNode) tree.get("model").get("featureLogProb").get(1)).remove(7);
        assertRefused(seal(tree), "shape", "expected 3 x 8 (classes x vocabulary), found row 1 with 7 values");
    }

    @Test
    void shouldRefuseNaNWeight() {
        String json = validTree().toString().replace("[-3.0,-3.0,-1.0", "[NaN,-3.0,-1.0");
        assertRefused(sealText(json), "non-finite", "model.featureLogProb[0][0]: expected a finite number, found NaN");
    }

    @Test
    void shouldRefuseInfiniteWeight() {
        String json = validTree().toString().replace("[-3.0,-3.0,-1.0", "[-Infinity,-3.0,-1.0");
        assertRefused(sealText(json), "non-finite", "expected a finite number, found -Infinity");
    }

    @Test
    void shouldRefuseGoldenVectorsThatDoNotReproduce() {
        ObjectNode tree = validTree();
        ArrayNode p = (ArrayNode) tree.get("golden").get("vectors").get(0).get("probabilities");
        p.set(0, p.get(0).asDouble() - 1e-6);
        assertRefused(seal(tree), "golden", "the weights do not reproduce the model they were exported from");
    }

    @Test
    void shouldRefuseGoldenLabelMismatch() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("golden").get("vectors").get(0)).put("label", "poetry");
        assertRefused(seal(tree), "golden", "expected label \"poetry\", found \"code\"");
    }

    @Test
    void shouldRefuseFileWithoutGoldenVectors() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("golden")).putArray("vectors");
        assertRefused(seal(tree), "golden", "golden.vectors: expected a non-empty array");
    }

    @Test
    void shouldRefuseCustomTokenPattern() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("vectorizer")).put("tokenPattern", "\\S+");
        assertRefused(seal(tree), "unsupported", "expected scikit-learn's default (?u)\\b\\w\\w+\\b, found \\S+");
    }

    @Test
    void shouldRefuseUnknownModelKind() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("model")).put("kind", "random_forest");
        assertRefused(seal(tree), "unsupported", "found \"random_forest\"");
    }

    @Test
    void shouldRefuseDuplicateVocabularyTerms() {
        ObjectNode tree = validTree();
        ((ArrayNode) tree.get("vectorizer").get("vocabulary")).set(1, "apple");
        assertRefused(seal(tree), "shape", "duplicate term 'apple'");
    }

    @Test
    void shouldRefuseMistypedMember() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("model")).put("classes", "code");
        assertRefused(seal(tree), "shape", "model.classes: expected an array of strings, found a string");
    }

    @Test
    void shouldRefuseMissingModel() {
        ObjectNode tree = validTree();
        tree.remove("model");
        assertRefused(seal(tree), "shape", "expected member model, found none");
    }

    @Test
    void shouldRefuseVocabularyOverTheLimitWhileReading() {
        WeightFileReader reader = new WeightFileReader(new ReaderLimits(1 << 20, 5, 100, 10, 10, 64), 1000);
        assertThatThrownBy(() -> reader.readBytes(WeightFileFixture.validBytes()))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("vectorizer.vocabulary: expected at most 5 entries, found more")
                .extracting(e -> ((WeightFileException) e).reason()).isEqualTo("limits");
    }

    @Test
    void shouldRefuseOversizedFileBeforeReadingIt() {
        WeightFileReader reader = new WeightFileReader(new ReaderLimits(100, 5, 100, 10, 10, 64), 1000);
        assertThatThrownBy(() -> reader.readBytes(WeightFileFixture.validBytes()))
                .hasMessageContaining("expected a weight file of at most 100 bytes, found");
    }

    @Test
    void shouldRefuseDeeplyNestedJson() {
        String nested = "[".repeat(200) + "]".repeat(200);
        String json = validTree().toString().replace("\"quality\":{", "\"quality\":{\"deep\":" + nested + ",");
        assertRefused(sealText(json), "syntax", "expected well-formed JSON");
    }

    @Test
    void shouldRefuseTrailingContentAfterTheObject() {
        // Trailing content moves the checksum away from the end, so the checksum rule already catches it.
        String json = validTree().toString() + "{}";
        assertRefused(json.getBytes(StandardCharsets.UTF_8), "checksum", "expected the last member to be");
    }

    @Test
    void shouldReadFromPathAndReportMissingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.json");
        Files.write(file, WeightFileFixture.validBytes());
        assertThat(WeightFileReader.read(file).modelName()).isEqualTo("fixture");
        assertThatThrownBy(() -> WeightFileReader.read(dir.resolve("absent.json")))
                .hasMessageContaining("weight file not found");
    }

    private static void assertRefused(byte[] bytes, String reason, String messagePart) {
        assertThatThrownBy(() -> WeightFileReader.read(bytes))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((WeightFileException) e).reason()).isEqualTo(reason);
    }

    @Test
    void shouldBuildTheAnomalyFilterFromItsSection() throws Exception {
        WeightFile file = WeightFileReader.read(WeightFileFixture.validBytes());
        assertThat(file.anomaly()).isPresent();
        assertThat(file.analyzer().analyze("write a java function").anomaly().flagged()).isFalse();
    }

    @Test
    void shouldRefuseAnalyzerForFileWithoutAnomalyBaselines() throws Exception {
        ObjectNode tree = validTree();
        tree.remove("anomaly");
        WeightFile file = WeightFileReader.read(seal(tree));
        assertThatThrownBy(file::analyzer).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("expected an anomaly section with the anomaly filter's baselines, found none");
    }

    @Test
    void shouldRefuseMissingFeatureBaseline() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("anomaly").get("features")).remove("longestCharRun");
        assertRefused(seal(tree), "anomaly", "expected a baseline for every feature, found none for \"longestCharRun\"");
    }

    @Test
    void shouldRefuseNonFiniteBaseline() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("anomaly").get("features").get("longestCharRun")).put("mean", 12345.678);
        String json = tree.toString().replace("12345.678", "NaN");
        assertRefused(sealText(json), "anomaly", "anomaly.features.longestCharRun.mean: expected a finite number, found NaN");
    }

    @Test
    void shouldRefuseUnknownFeatureAndBadThreshold() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("anomaly").get("features")).putObject("vibes");
        assertRefused(seal(tree), "anomaly", "expected only known features, found \"vibes\"");
        ObjectNode retired = validTree();
        ((ObjectNode) retired.get("anomaly").get("features")).putObject("charCount");
        assertRefused(seal(retired), "anomaly", "found \"charCount\", which is no longer one");
        ObjectNode negative = validTree();
        ((ObjectNode) negative.get("anomaly")).put("threshold", -1);
        assertRefused(seal(negative), "anomaly", "anomaly.threshold: expected a positive finite number, found -1");
    }

    @Test
    void shouldRefuseUnknownDirection() {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("anomaly").get("features").get("meanTokenLength")).put("direction", "sideways");
        assertRefused(seal(tree), "anomaly", "anomaly.features.meanTokenLength.direction: expected one of \"high\", \"low\", \"both\", found \"sideways\"");
    }

    /** The fixture's anomaly section with a baseline for each of its classes (code 500 prompts, the others 0). */
    private static ObjectNode withClassBaselines() {
        ObjectNode tree = validTree();
        ObjectNode anomaly = (ObjectNode) tree.get("anomaly");
        anomaly.put("classPrior", 100.0);
        ObjectNode classes = anomaly.putObject("classes");
        for (String label : WeightFileFixture.CLASSES) {
            ObjectNode own = classes.putObject(label);
            own.put("prompts", label.equals("code") ? 500 : 0);
            ObjectNode features = own.putObject("features");
            for (PromptFeature feature : PromptFeature.values()) {
                ObjectNode b = features.putObject(feature.key());
                b.put("mean", label.equals("code") ? 0.5 : 0.0);
                b.put("std", 0.5);
                b.put("median", 0.0);
                b.put("mad", 1.0);
                b.put("scaleFloor", 0.01);
            }
        }
        return tree;
    }

    @Test
    void shouldLoadClassBaselinesAndScoreAgainstThePredictedClass() throws Exception {
        WeightFile file = WeightFileReader.read(seal(withClassBaselines()));
        AnomalyModel model = file.anomaly().orElseThrow();
        assertThat(model.classBaselines()).extracting(ClassBaseline::label).containsExactlyElementsOf(WeightFileFixture.CLASSES);
        // code: weight 500 / 600, centre 5/6 * 0.5 + 1/6 * 0 on every feature; the others stay global.
        assertThat(model.center(0, 0)).isCloseTo(500.0 / 600 * 0.5, within(1e-12));
        assertThat(model.center(1, 0)).isZero();
        PromptAnalysis analysis = file.analyzer().analyze("write a java function");
        assertThat(analysis.classification().label()).isEqualTo("code");
        assertThat(analysis.anomaly().baseline()).isEqualTo("class:code");
    }

    @Test
    void fileWithoutClassBaselinesShouldUseTheGlobalBaseline() throws Exception {
        PromptAnalysis analysis = WeightFileReader.read(WeightFileFixture.validBytes()).analyzer()
                .analyze("write a java function");
        assertThat(analysis.anomaly().baseline()).isEqualTo("global");
    }

    @Test
    void shouldRefusePartialUnknownOrNonFiniteClassBaselines() {
        ObjectNode partial = withClassBaselines();
        ((ObjectNode) partial.get("anomaly").get("classes")).remove("fruit");
        assertRefused(seal(partial), "anomaly", "expected a baseline for every class, found none for class \"fruit\"");

        ObjectNode unknown = withClassBaselines();
        ((ObjectNode) unknown.get("anomaly").get("classes")).set("weather",
                unknown.get("anomaly").get("classes").get("code").deepCopy());
        assertRefused(seal(unknown), "anomaly", "found unknown class \"weather\"");

        ObjectNode missingFeature = withClassBaselines();
        ((ObjectNode) missingFeature.get("anomaly").get("classes").get("poetry").get("features")).remove("digitShare");
        assertRefused(seal(missingFeature), "anomaly", "found none for class \"poetry\" feature \"digitShare\"");

        ObjectNode infinite = withClassBaselines();
        ((ObjectNode) infinite.get("anomaly").get("classes").get("code").get("features").get("upperShare"))
                .put("median", 12345.678);
        assertRefused(sealText(infinite.toString().replace("12345.678", "1e999")), "anomaly",
                "anomaly.classes.code.features.upperShare.median: expected a finite number, found");

        ObjectNode noPrior = withClassBaselines();
        ((ObjectNode) noPrior.get("anomaly")).remove("classPrior");
        assertRefused(seal(noPrior), "anomaly", "anomaly.classPrior: expected a finite number, found none");
    }
}
