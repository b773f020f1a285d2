package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;
import java.util.List;
import java.util.Objects;

/**
 * CalibratedClassifierCV with sigmoid calibration over linear models (LinearSVC, LogisticRegression,
 * SGDClassifier): the mean over its calibrated models of their {@code predict_proba}, the argmax of that mean as
 * the label. Each calibrated model computes its decision columns, sets the probability of column j's class to
 * {@code expit(-(a[j] * d[j] + b[j]))}; for two classes the first class gets {@code 1 - p}, otherwise the row is
 * divided by its sum (uniform when the sum is zero); a probability in {@code (1, 1 + 1e-5]} becomes 1.
 */
public final class CalibratedModel implements ClassModel {

    /** One calibrated model: decision columns, the class each column's probability goes to, its sigmoid. */
    public record Calibrated(LinearScores decision, int[] targets, double[] a, double[] b) {
        public Calibrated {
            Objects.requireNonNull(decision);
            int columns = decision.classCount();
            if (targets.length != columns || a.length != columns || b.length != columns) {
                throw new IllegalArgumentException("expected one target class and one (a, b) pair per decision "
                        + "column (" + columns + "), found " + targets.length + " targets, " + a.length + " a and "
                        + b.length + " b");
            }
        }
    }

    private final List<Calibrated> calibrated;
    private final int classCount;
    private final int featureCount;

    public CalibratedModel(List<Calibrated> calibrated, int classCount) {
        this.calibrated = List.copyOf(calibrated);
        if (this.calibrated.isEmpty()) {
            throw new IllegalArgumentException("expected at least one calibrated model, found none");
        }
        this.classCount = classCount;
        this.featureCount = this.calibrated.get(0).decision().featureCount();
        for (Calibrated c : this.calibrated) {
            if (c.decision().featureCount() != featureCount) {
                throw new IllegalArgumentException("expected every calibrated model to have " + featureCount
                        + " features, found " + c.decision().featureCount());
            }
            for (int target : c.targets()) {
                if (target < 0 || target >= classCount) {
                    throw new IllegalArgumentException("expected target classes in [0, " + classCount + "), found "
                            + target);
                }
            }
        }
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    @Override
    public String describe() {
        return ModelKind.CALIBRATED_CLASSIFIER.fileName() + " (sigmoid, mean of " + calibrated.size() + "), "
                + classCount + " classes x " + featureCount + " features";
    }

    @Override
    public Classification classify(SparseFeatures x, List<String> classes) {
        double[] mean = new double[classCount];
        double[] probabilities = new double[classCount];
        double[] d = new double[classCount];
        for (Calibrated c : calibrated) {
            calibratedProbabilities(c, x, d, probabilities);
            for (int k = 0; k < classCount; k++) {
                mean[k] += probabilities[k];
            }
        }
        for (int k = 0; k < classCount; k++) {
            mean[k] /= calibrated.size();
        }
        int label = NumpyMath.argmax(mean);
        return new Classification(label, classes.get(label), mean);
    }

    private void calibratedProbabilities(Calibrated c, SparseFeatures x, double[] d, double[] p) {
        java.util.Arrays.fill(p, 0.0);
        c.decision().scores(x, d);
        int[] targets = c.targets();
        for (int j = 0; j < targets.length; j++) {
            p[targets[j]] = NumpyMath.expit(-(c.a()[j] * d[j] + c.b()[j]));
        }
        if (classCount == 2) {
            p[0] = 1.0 - p[1];
        } else {
            double sum = NumpyMath.sum(p, 0, classCount);
            for (int k = 0; k < classCount; k++) {
                p[k] = sum != 0 ? p[k] / sum : 1.0 / classCount;
            }
        }
        for (int k = 0; k < classCount; k++) {
            if (p[k] > 1.0 && p[k] <= 1.0 + 1e-5) {
                p[k] = 1.0;
            }
        }
    }
}
