package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * LogisticRegression and SGDClassifier: the decision {@code x · coef[c] + intercept[c]} (one column for two
 * classes, the second class's), its argmax (or its sign, for two classes) as the label, and the probabilities
 * of {@code predict_proba}:
 * <ul>
 *   <li>{@link Link#SOFTMAX} (multinomial LogisticRegression): {@code exp(d - max d) / sum}, with
 *       {@code [-d, d]} for two classes;</li>
 *   <li>{@link Link#ONE_VS_REST} (one-vs-rest LogisticRegression, SGD with log loss): {@code expit(d)} per class
 *       divided by their sum, {@code [1 - expit(d), expit(d)]} for two classes;</li>
 *   <li>{@link Link#MODIFIED_HUBER} (SGD with modified Huber loss): {@code (clip(d, -1, 1) + 1) / 2} divided by
 *       their sum (uniform when all are zero), {@code [1 - p, p]} for two classes.</li>
 * </ul>
 * Sums are numpy's pairwise sums.
 */
public final class LinearModel implements ClassModel {

    public enum Link { SOFTMAX, ONE_VS_REST, MODIFIED_HUBER }

    private final ModelKind kind;
    private final LinearScores decision;
    private final Link link;
    private final int classCount;

    /** @param decision one row per class, or one row for two classes */
    public LinearModel(ModelKind kind, LinearScores decision, Link link, int classCount) {
        this.kind = Objects.requireNonNull(kind);
        this.decision = Objects.requireNonNull(decision);
        this.link = Objects.requireNonNull(link);
        int rows = decision.classCount();
        if (classCount < 2 || !(rows == classCount || (rows == 1 && classCount == 2))) {
            throw new IllegalArgumentException("expected one coefficient row per class (one for two classes), found "
                    + rows + " rows for " + classCount + " classes");
        }
        this.classCount = classCount;
    }

    public Link link() {
        return link;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int featureCount() {
        return decision.featureCount();
    }

    @Override
    public String describe() {
        return kind.fileName() + " (" + link.name().toLowerCase(Locale.ROOT) + "), " + classCount + " classes x "
                + decision.featureCount() + " features";
    }

    @Override
    public Classification classify(SparseFeatures x, List<String> classes) {
        double[] d = new double[decision.classCount()];
        decision.scores(x, d);
        double[] p = new double[classCount];
        int label;
        if (d.length == 1) {
            label = d[0] > 0 ? 1 : 0;
            binary(d[0], p);
        } else {
            label = NumpyMath.argmax(d);
            multiclass(d, p);
        }
        return new Classification(label, classes.get(label), p);
    }

    private void binary(double d, double[] p) {
        switch (link) {
            case SOFTMAX -> {
                double[] pair = {-d, d};
                softmax(pair, p);
            }
            case ONE_VS_REST -> {
                double positive = NumpyMath.expit(d);
                p[0] = 1 - positive;
                p[1] = positive;
            }
            case MODIFIED_HUBER -> {
                double positive = (Math.min(1.0, Math.max(-1.0, d)) + 1.0) / 2.0;
                p[0] = 1.0 - positive;
                p[1] = positive;
            }
        }
    }

    private void multiclass(double[] d, double[] p) {
        switch (link) {
            case SOFTMAX -> softmax(d, p);
            case ONE_VS_REST -> {
                for (int c = 0; c < d.length; c++) {
                    p[c] = NumpyMath.expit(d[c]);
                }
                normalise(p);
            }
            case MODIFIED_HUBER -> {
                for (int c = 0; c < d.length; c++) {
                    p[c] = (Math.min(1.0, Math.max(-1.0, d[c])) + 1.0) / 2.0;
                }
                if (NumpyMath.sum(p, 0, p.length) == 0) {
                    java.util.Arrays.fill(p, 1.0);
                }
                normalise(p);
            }
        }
    }

    /** scikit-learn's softmax: the row maximum subtracted, exponentiated, divided by the sum. */
    private static void softmax(double[] d, double[] p) {
        double max = d[0];
        for (int c = 1; c < d.length; c++) {
            max = Math.max(max, d[c]);
        }
        for (int c = 0; c < d.length; c++) {
            p[c] = Math.exp(d[c] - max);
        }
        normalise(p);
    }

    private static void normalise(double[] p) {
        double sum = NumpyMath.sum(p, 0, p.length);
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }
}
