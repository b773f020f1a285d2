package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden vectors a weight file ships: texts with the probabilities scikit-learn gave them, read and then
 * replayed through the assembled classifier, so a file that does not reproduce its model is refused.
 */
final class GoldenReplay {
    /** Golden tolerances looser than this would let a wrong model through. */
    static final double MAX_TOLERANCE = 1e-6;

    private final ReaderLimits limits;

    GoldenReplay(ReaderLimits limits) {
        this.limits = limits;
    }

    static double tolerance(JsonNode golden) throws WeightFileException {
        JsonNode t = golden.get("tolerance");
        if (t == null || !t.isNumber() || !Double.isFinite(t.doubleValue()) || t.doubleValue() <= 0
                || t.doubleValue() > MAX_TOLERANCE) {
            throw new WeightFileException("shape", "golden.tolerance: expected a number in (0, "
                    + MAX_TOLERANCE + "], found " + (t == null ? "none" : t.toString()));
        }
        return t.doubleValue();
    }

    List<GoldenVector> vectors(JsonNode golden, int classes) throws WeightFileException {
        JsonNode vectors = golden.get("vectors");
        if (vectors == null || !vectors.isArray() || vectors.isEmpty()) {
            throw new WeightFileException("golden", "golden.vectors: expected a non-empty array of "
                    + "{text, label, probabilities}, found " + (vectors == null ? "none" : vectors.getNodeType()));
        }
        if (vectors.size() > limits.maxGoldenVectors()) {
            throw new WeightFileException("limits", "golden.vectors: expected at most "
                    + limits.maxGoldenVectors() + ", found " + vectors.size());
        }
        List<GoldenVector> result = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(i);
            String where = "golden.vectors[" + i + "]";
            JsonNode text = v.get("text");
            JsonNode label = v.get("label");
            JsonNode probabilities = v.get("probabilities");
            if (text == null || !text.isTextual() || label == null || !label.isTextual() || probabilities == null
                    || !probabilities.isArray()) {
                throw new WeightFileException("shape", where + ": expected {\"text\": string, \"label\": string, "
                        + "\"probabilities\": [numbers]}, found " + abbreviate(v.toString()));
            }
            if (probabilities.size() != classes) {
                throw new WeightFileException("shape", where + ".probabilities: expected " + classes
                        + " values (one per class), found " + probabilities.size());
            }
            double[] p = new double[classes];
            for (int c = 0; c < classes; c++) {
                JsonNode value = probabilities.get(c);
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw new WeightFileException("non-finite", where + ".probabilities[" + c
                            + "]: expected a finite number, found " + value);
                }
                p[c] = value.doubleValue();
            }
            result.add(new GoldenVector(text.textValue(), label.textValue(), p));
        }
        return List.copyOf(result);
    }

    static void replay(TextClassifier classifier, List<GoldenVector> golden, double tolerance)
            throws WeightFileException {
        for (int i = 0; i < golden.size(); i++) {
            GoldenVector g = golden.get(i);
            Classification actual = classifier.classify(g.text());
            for (int c = 0; c < g.probabilities().length; c++) {
                double difference = Math.abs(actual.probabilities()[c] - g.probabilities()[c]);
                if (!(difference <= tolerance)) {
                    throw new WeightFileException("golden", "golden.vectors[" + i + "] (" + abbreviate(g.text())
                            + "): expected P(" + classifier.classes().get(c) + ") = " + g.probabilities()[c]
                            + " within " + tolerance + ", found " + actual.probabilities()[c]
                            + " — the weights do not reproduce the model they were exported from");
                }
            }
            if (!actual.label().equals(g.label())) {
                throw new WeightFileException("golden", "golden.vectors[" + i + "] (" + abbreviate(g.text())
                        + "): expected label \"" + g.label() + "\", found \"" + actual.label() + "\"");
            }
        }
    }

    static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() <= 60 ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, 57) + "...\"";
    }
}
