package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;
import java.util.List;
import java.util.Objects;

/**
 * MultinomialNB and ComplementNB: the joint log-likelihood {@code x · featureLogProb[c] + offset[c]}, its argmax
 * as the label, and {@code exp(jll - logsumexp(jll))} as the probabilities.
 */
public final class NaiveBayesModel implements ClassModel {
    private final ModelKind kind;
    private final LinearScores scores;

    public NaiveBayesModel(ModelKind kind, LinearScores scores) {
        if (kind != ModelKind.MULTINOMIAL_NB && kind != ModelKind.COMPLEMENT_NB) {
            throw new IllegalArgumentException("expected a naive Bayes kind, found " + kind);
        }
        this.kind = kind;
        this.scores = Objects.requireNonNull(scores);
    }

    @Override
    public int classCount() {
        return scores.classCount();
    }

    @Override
    public int featureCount() {
        return scores.featureCount();
    }

    @Override
    public Classification classify(SparseFeatures x, List<String> classes) {
        double[] probabilities = new double[scores.classCount()];
        scores.scores(x, probabilities);
        int best = LinearScores.argmax(probabilities);
        double entropy = LinearScores.softmaxInPlace(probabilities);
        return new Classification(best, classes.get(best), probabilities, entropy);
    }

    @Override
    public String describe() {
        return kind.fileName() + ", " + scores.classCount() + " classes x " + scores.featureCount() + " features";
    }
}
