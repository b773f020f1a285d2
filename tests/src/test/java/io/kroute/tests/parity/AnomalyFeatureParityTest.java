package io.kroute.tests.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.anomaly.PromptFeature;
import io.kroute.inference.anomaly.PromptFeatures;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer computes the anomaly baselines from features it computes in Python; they are only meaningful if
 * the Java analyzer computes the same features. For every parity text (edge cases, every anomaly family,
 * generated prompts, and real text in 17 languages) the two must agree within 1e-9 on all 15 features.
 */
class AnomalyFeatureParityTest {

    private static final double TOLERANCE = 1e-9;
    private static final int MIN_COMPARED_TEXTS = 7000;
    private static final int MISMATCHES_REPORTED = 8;
    private static final long TIMEOUT_MINUTES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path output;

    @BeforeAll
    static void computeFeaturesInPython() throws Exception {
        Path root = ScikitLearnRun.repositoryRoot();
        output = ScikitLearnRun.outputRoot().resolve("anomaly-features");
        Files.createDirectories(output);
        Path log = output.resolve("harness.log");
        Process process = new ProcessBuilder(ScikitLearnRun.python(),
                root.resolve("tests/src/test/python/anomaly_parity_expectations.py").toString(),
                "--out", output.toString(), "--repo-root", root.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0)
                .as("the Python feature harness should finish with 0; its log:%n%s", Files.readString(log))
                .isTrue();
    }

    @Test
    void javaFeaturesShouldEqualThePythonFeaturesOnEveryParityText() throws Exception {
        WeightFile weights = WeightFileReader.read(output.resolve("weights.json"));
        assertThat(weights.anomaly()).as("anomaly section of the trainer's weight file").isPresent();
        PromptAnalyzer analyzer = weights.analyzer();
        JsonNode expected = JSON.readTree(output.resolve("expected.json").toFile());
        List<String> keys = new ArrayList<>();
        expected.get("keys").forEach(k -> keys.add(k.asText()));
        assertThat(keys).as("feature keys in Python, in Java's order").isEqualTo(javaKeys());

        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> mismatchesByFeature = new HashMap<>();
        int compared = 0;
        for (JsonNode row : expected.get("rows")) {
            String text = row.get("text").asText();
            PromptFeatures javaFeatures = analyzer.features(text);
            compared++;
            for (int f = 0; f < keys.size(); f++) {
                double python = row.get("features").get(f).doubleValue();
                double java = javaFeatures.get(f);
                if (Math.abs(python - java) <= TOLERANCE) {
                    continue;
                }
                mismatchesByFeature.merge(keys.get(f), 1, Integer::sum);
                mismatches.add(row.get("source").asText() + " / " + row.get("name").asText() + ": " + keys.get(f)
                        + " Python " + python + ", Java " + java + "\n  text " + TextReport.describe(
                                text.length() > 300 ? text.substring(0, 300) + "..." : text));
            }
        }
        System.out.printf("anomaly feature parity: texts=%d mismatches=%d %s%n", compared, mismatches.size(),
                mismatchesByFeature);
        assertThat(compared).as("parity texts compared").isGreaterThanOrEqualTo(MIN_COMPARED_TEXTS);
        assertThat(mismatches)
                .as("features where Java and Python differ by more than %s (first %d shown)%n%s", TOLERANCE,
                        MISMATCHES_REPORTED, String.join("\n", mismatches.subList(0,
                                Math.min(MISMATCHES_REPORTED, mismatches.size()))))
                .isEmpty();
    }

    /**
     * mixedScriptShare depends on which letters share a script group; Python reads them from a table compiled
     * from the Unicode Character Database, Java from {@link Character.UnicodeScript}. Every letter both
     * runtimes know must fall in the same group (letters Java 17 does not know, assigned after Unicode 13, are
     * skipped, and so is the one letter whose script changed since).
     */
    /** Letters whose Script property changed after Unicode 13 (Java 17's); the table follows the newer UCD. */
    private static final Set<Integer> SCRIPT_CHANGED_AFTER_UNICODE_13 = Set.of(
            0x16FE3); // OLD CHINESE ITERATION MARK: Common in Unicode 13, Han from Unicode 14

    @Test
    void pythonScriptTableShouldGroupEveryLetterAsJavaDoes() throws Exception {
        JsonNode letters = JSON.readTree(output.resolve("scripts.json").toFile()).get("letters");
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (JsonNode letter : letters) {
            int codePoint = letter.get(0).intValue();
            if (!Character.isLetter(codePoint) || SCRIPT_CHANGED_AFTER_UNICODE_13.contains(codePoint)) {
                continue;
            }
            compared++;
            String python = letter.get(1).isNull() ? "none" : letter.get(1).asText().toUpperCase(Locale.ROOT);
            String java = javaScriptGroup(codePoint);
            if (!python.equals(java)) {
                mismatches.add(TextReport.codePoint(codePoint) + ": Python " + python + ", Java " + java);
            }
        }
        System.out.printf("script groups: letters=%d mismatches=%d%n", compared, mismatches.size());
        assertThat(compared).as("letters compared").isGreaterThan(100_000);
        assertThat(mismatches).as("letters whose script group differs (first %d shown)%n%s", MISMATCHES_REPORTED,
                String.join("\n", mismatches.subList(0, Math.min(MISMATCHES_REPORTED, mismatches.size()))))
                .isEmpty();
    }

    /** The script groups of {@code WordTokenizer}: East Asian scripts, Common and Inherited belong to none. */
    private static String javaScriptGroup(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        switch (script) {
            case COMMON:
            case INHERITED:
            case UNKNOWN:
            case HAN:
            case HIRAGANA:
            case KATAKANA:
            case HANGUL:
            case BOPOMOFO:
                return "none";
            default:
                return script.name();
        }
    }

    private static List<String> javaKeys() {
        List<String> keys = new ArrayList<>();
        for (PromptFeature feature : PromptFeature.values()) {
            keys.add(feature.key());
        }
        return keys;
    }
}
