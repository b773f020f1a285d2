package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.anomaly.PromptFeature;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.LinearScores;
import io.kroute.inference.classify.ModelKind;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.TermIndex;
import io.kroute.inference.text.TextVectorizer;
import io.kroute.inference.text.WordTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds small, valid weight files in memory (golden vectors computed by the Java classifier itself), so
 * tests can break one thing at a time and check the refusal. Parity with scikit-learn is proved elsewhere,
 * on files the Python trainer wrote.
 */
public final class WeightFileFixture {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String ZERO_CHECKSUM = "sha256:" + "0".repeat(64);

    public static final List<String> VOCABULARY = List.of("apple", "banana", "code", "function", "java", "poem",
            "rhyme", "verse");
    public static final List<String> CLASSES = List.of("code", "fruit", "poetry");
    public static final double[][] FEATURE_LOG_PROB = {
        {-3.0, -3.0, -1.0, -1.2, -1.1, -3.0, -3.0, -3.0},
        {-0.9, -0.8, -3.0, -3.0, -2.5, -3.0, -3.0, -3.0},
        {-3.0, -3.0, -3.0, -3.0, -3.0, -1.0, -1.1, -0.9},
    };
    public static final double[] OFFSETS = {Math.log(0.4), Math.log(0.3), Math.log(0.3)};
    public static final List<String> GOLDEN_TEXTS = List.of("write a java function", "apple and banana",
            "a poem in verse", "", "nothing known here");

    private WeightFileFixture() {
    }

    /** A valid file as a JSON tree, with a zero checksum; call {@link #seal} to get bytes. */
    public static ObjectNode validTree() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "kroute-weights");
        root.put("formatVersion", 1);
        root.put("modelName", "fixture");
        root.put("modelVersion", "20260101T000000Z-00c0ffee");
        root.put("createdAt", "2026-01-01T00:00:00Z");
        root.putObject("training").put("rows", 3);
        ObjectNode vectorizer = root.putObject("vectorizer");
        vectorizer.put("kind", "count");
        vectorizer.put("lowercase", true);
        vectorizer.put("tokenPattern", WeightFileReader.DEFAULT_TOKEN_PATTERN);
        vectorizer.putArray("ngramRange").add(1).add(1);
        vectorizer.put("binary", false);
        vectorizer.putNull("stopWords");
        ArrayNode vocabulary = vectorizer.putArray("vocabulary");
        VOCABULARY.forEach(vocabulary::add);
        ObjectNode model = root.putObject("model");
        model.put("kind", "multinomial_nb");
        ArrayNode classes = model.putArray("classes");
        CLASSES.forEach(classes::add);
        ArrayNode rows = model.putArray("featureLogProb");
        for (double[] row : FEATURE_LOG_PROB) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        ArrayNode offsets = model.putArray("jointLogLikelihoodOffset");
        for (double v : OFFSETS) {
            offsets.add(v);
        }
        root.putObject("quality").put("accuracy", 1.0);
        ObjectNode golden = root.putObject("golden");
        golden.put("tolerance", 1e-9);
        ArrayNode vectors = golden.putArray("vectors");
        TextClassifier classifier = classifier();
        for (String text : GOLDEN_TEXTS) {
            Classification c = classifier.classify(text);
            ObjectNode v = vectors.addObject();
            v.put("text", text);
            v.put("label", c.label());
            ArrayNode p = v.putArray("probabilities");
            for (double x : c.probabilities()) {
                p.add(x);
            }
        }
        ObjectNode anomaly = root.putObject("anomaly");
        anomaly.put("threshold", 100.0);
        anomaly.put("combine", "max");
        ObjectNode features = anomaly.putObject("features");
        for (PromptFeature feature : PromptFeature.values()) {
            ObjectNode b = features.putObject(feature.key());
            b.put("transform", "none");
            b.put("direction", "high");
            b.put("method", "standard");
            b.put("mean", 0.0);
            b.put("std", 1.0);
            b.put("median", 0.0);
            b.put("mad", 1.0);
            b.put("scaleFloor", 0.01);
        }
        root.put("checksum", ZERO_CHECKSUM);
        return root;
    }

    public static TextClassifier classifier() {
        TextVectorizer vectorizer = TextVectorizer.count(new WordTokenizer(), TermIndex.of(VOCABULARY.toArray(new String[0])),
                null, 1, 1, false);
        return new TextClassifier(ModelKind.MULTINOMIAL_NB, CLASSES, vectorizer,
                new LinearScores(FEATURE_LOG_PROB, OFFSETS));
    }

    /** Serializes the tree (checksum last) and writes the correct checksum. */
    public static byte[] seal(ObjectNode root) {
        root.remove("checksum");
        root.put("checksum", ZERO_CHECKSUM);
        return sealText(root.toString());
    }

    public static byte[] sealText(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            Checksum.seal(bytes);
        } catch (WeightFileException e) {
            throw new AssertionError(e);
        }
        return bytes;
    }

    public static byte[] validBytes() {
        return seal(validTree());
    }
}
