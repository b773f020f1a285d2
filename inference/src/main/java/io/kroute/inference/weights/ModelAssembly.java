package io.kroute.inference.weights;

import io.kroute.inference.classify.CalibratedModel;
import io.kroute.inference.classify.ClassModel;
import io.kroute.inference.classify.LinearModel;
import io.kroute.inference.classify.LinearScores;
import io.kroute.inference.classify.ModelKind;
import io.kroute.inference.classify.NaiveBayesModel;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.Vectorizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the classifier a weight file's {@code model} describes over its vectorizer, refusing members that do not
 * fit together: a coefficient matrix whose shape is not classes x the vectorizers' features, an unknown kind, a
 * model format version 1 cannot hold.
 */
final class ModelAssembly {

    TextClassifier classifier(RawWeightFile.Model m, Vectorizer vectorizer, int version) throws WeightFileException {
        require(m.kind, "model.kind");
        ModelKind kind = ModelKind.fromFileName(m.kind);
        if (kind == null || (version == 1 && !kind.naiveBayes())) {
            List<String> known = new ArrayList<>();
            for (ModelKind k : ModelKind.values()) {
                if (version > 1 || k.naiveBayes()) {
                    known.add("\"" + k.fileName() + "\"");
                }
            }
            throw new WeightFileException("unsupported", "model.kind: expected one of " + String.join(", ", known)
                    + " (format version " + version + "), found \"" + m.kind + "\"");
        }
        List<String> classes = classes(m);
        int features = vectorizer.featureCount();
        ClassModel model = switch (kind) {
            case MULTINOMIAL_NB, COMPLEMENT_NB -> naiveBayes(kind, m, classes.size(), features);
            case LOGISTIC_REGRESSION -> linear(kind, m, classes.size(), features, "probability", m.probability,
                    List.of("softmax", "ovr"));
            case SGD_CLASSIFIER -> linear(kind, m, classes.size(), features, "loss", m.loss,
                    List.of("log_loss", "modified_huber"));
            case CALIBRATED_CLASSIFIER -> calibrated(m, classes.size(), features);
        };
        return new TextClassifier(kind, classes, vectorizer, model);
    }

    private static List<String> classes(RawWeightFile.Model m) throws WeightFileException {
        if (m.classes == null) {
            throw missing("model.classes");
        }
        if (m.classes.length == 0) {
            throw new WeightFileException("shape", "model.classes: expected at least one class, found none");
        }
        Set<String> distinct = new HashSet<>();
        for (String label : m.classes) {
            if (!distinct.add(label)) {
                throw new WeightFileException("shape", "model.classes: expected distinct labels, found \""
                        + label + "\" twice");
            }
        }
        return List.of(m.classes);
    }

    private static ClassModel naiveBayes(ModelKind kind, RawWeightFile.Model m, int classes, int features)
            throws WeightFileException {
        if (m.featureLogProb == null) {
            throw missing("model.featureLogProb");
        }
        checkMatrix(m.featureLogProb, classes, features, "model.featureLogProb", "classes x vocabulary");
        if (m.offsets == null) {
            throw missing("model.jointLogLikelihoodOffset");
        }
        checkLength(m.offsets, classes, "model.jointLogLikelihoodOffset", "one per class");
        return new NaiveBayesModel(kind, new LinearScores(m.featureLogProb, m.offsets));
    }

    private static ClassModel linear(ModelKind kind, RawWeightFile.Model m, int classes, int features,
            String member, String value, List<String> allowed) throws WeightFileException {
        if (classes < 2) {
            throw new WeightFileException("shape", "model.classes: expected at least two classes for "
                    + kind.fileName() + ", found " + classes);
        }
        if (value == null) {
            throw missing("model." + member);
        }
        if (!allowed.contains(value)) {
            throw new WeightFileException("unsupported", "model." + member + ": expected one of \""
                    + String.join("\", \"", allowed) + "\", found \"" + value + "\"");
        }
        int rows = classes == 2 ? 1 : classes;
        LinearScores decision = decision(m.coef, m.intercept, rows, features, "model");
        LinearModel.Link link = switch (value) {
            case "softmax" -> LinearModel.Link.SOFTMAX;
            case "modified_huber" -> LinearModel.Link.MODIFIED_HUBER;
            default -> LinearModel.Link.ONE_VS_REST;
        };
        return new LinearModel(kind, decision, link, classes);
    }

    private static ClassModel calibrated(RawWeightFile.Model m, int classes, int features)
            throws WeightFileException {
        if (!"sigmoid".equals(m.method)) {
            throw new WeightFileException("unsupported", "model.method: expected \"sigmoid\", found "
                    + (m.method == null ? "none" : "\"" + m.method + "\""));
        }
        if (m.estimators == null || m.estimators.isEmpty()) {
            throw new WeightFileException("shape", "model.estimators: expected a non-empty array of calibrated "
                    + "models, found " + (m.estimators == null ? "none" : "an empty array"));
        }
        List<CalibratedModel.Calibrated> list = new ArrayList<>();
        for (int i = 0; i < m.estimators.size(); i++) {
            RawWeightFile.Calibrated c = m.estimators.get(i);
            String where = "model.estimators[" + i + "]";
            if (c.coef == null) {
                throw missing(where + ".coef");
            }
            int columns = c.coef.length;
            if (columns < 1 || columns > (classes == 2 ? 1 : classes)) {
                throw new WeightFileException("shape", where + ".coef: expected 1 to " + (classes == 2 ? 1 : classes)
                        + " rows (decision columns), found " + columns);
            }
            LinearScores decision = decision(c.coef, c.intercept, columns, features, where);
            for (String member : List.of("targets", "sigmoidA", "sigmoidB")) {
                int length = switch (member) {
                    case "targets" -> c.targets == null ? -1 : c.targets.length;
                    case "sigmoidA" -> c.sigmoidA == null ? -1 : c.sigmoidA.length;
                    default -> c.sigmoidB == null ? -1 : c.sigmoidB.length;
                };
                if (length < 0) {
                    throw missing(where + "." + member);
                }
                if (length != columns) {
                    throw new WeightFileException("shape", where + "." + member + ": expected " + columns
                            + " values (one per decision column), found " + length);
                }
            }
            for (int target : c.targets) {
                if (target < 0 || target >= classes) {
                    throw new WeightFileException("shape", where + ".targets: expected class indices in [0, "
                            + classes + "), found " + Arrays.toString(c.targets));
                }
            }
            list.add(new CalibratedModel.Calibrated(decision, c.targets, c.sigmoidA, c.sigmoidB));
        }
        return new CalibratedModel(list, classes);
    }

    private static LinearScores decision(double[][] coef, double[] intercept, int rows, int features, String where)
            throws WeightFileException {
        if (coef == null) {
            throw missing(where + ".coef");
        }
        checkMatrix(coef, rows, features, where + ".coef", "decision columns x the vectorizers' features");
        if (intercept == null) {
            throw missing(where + ".intercept");
        }
        checkLength(intercept, rows, where + ".intercept", "one per decision column");
        return new LinearScores(coef, intercept);
    }

    private static void checkMatrix(double[][] matrix, int rows, int columns, String where, String meaning)
            throws WeightFileException {
        if (matrix.length != rows) {
            throw new WeightFileException("shape", where + ": expected " + rows + " x " + columns + " (" + meaning
                    + "), found " + matrix.length + " rows");
        }
        for (int r = 0; r < rows; r++) {
            if (matrix[r].length != columns) {
                throw new WeightFileException("shape", where + ": expected " + rows + " x " + columns + " ("
                        + meaning + "), found row " + r + " with " + matrix[r].length + " values");
            }
        }
    }

    private static void checkLength(double[] values, int expected, String where, String meaning)
            throws WeightFileException {
        if (values.length != expected) {
            throw new WeightFileException("shape", where + ": expected " + expected + " values (" + meaning
                    + "), found " + values.length);
        }
    }

    static void require(String value, String where) throws WeightFileException {
        if (value == null) {
            throw missing(where);
        }
        if (value.isBlank()) {
            throw new WeightFileException("shape", where + ": expected a non-empty string, found \"" + value + "\"");
        }
    }

    static WeightFileException missing(String where) {
        return new WeightFileException("shape", "expected member " + where + ", found none");
    }
}
