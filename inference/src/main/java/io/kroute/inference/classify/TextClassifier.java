package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.TextVectorizer;
import java.util.List;
import java.util.Objects;

/**
 * A text classifier: a vectorizer and a linear model whose softmax gives class probabilities.
 * Immutable and thread-safe; per-thread scratch space keeps {@link #classify} free of per-token allocation.
 */
public final class TextClassifier {
    private final ModelKind kind;
    private final List<String> classes;
    private final TextVectorizer vectorizer;
    private final LinearScores scores;
    private final ThreadLocal<SparseFeatures> scratch = ThreadLocal.withInitial(SparseFeatures::new);

    public TextClassifier(ModelKind kind, List<String> classes, TextVectorizer vectorizer, LinearScores scores) {
        this.kind = Objects.requireNonNull(kind);
        this.classes = List.copyOf(classes);
        this.vectorizer = Objects.requireNonNull(vectorizer);
        this.scores = Objects.requireNonNull(scores);
        if (scores.classCount() != this.classes.size()) {
            throw new IllegalArgumentException("expected " + this.classes.size() + " class rows, found "
                    + scores.classCount());
        }
        if (scores.featureCount() != vectorizer.featureCount()) {
            throw new IllegalArgumentException("expected " + vectorizer.featureCount()
                    + " features per class (the vocabulary size), found " + scores.featureCount());
        }
    }

    public ModelKind kind() {
        return kind;
    }

    public List<String> classes() {
        return classes;
    }

    public TextVectorizer vectorizer() {
        return vectorizer;
    }

    public Classification classify(CharSequence text) {
        return classify(text, scratch.get());
    }

    /**
     * Classifies using caller-owned scratch space, which afterwards holds the text's tokens and features
     * (for callers that derive more from the same pass, such as the anomaly filter).
     */
    public Classification classify(CharSequence text, SparseFeatures features) {
        vectorizer.transform(text, features);
        double[] probabilities = new double[classes.size()];
        scores.scores(features, probabilities);
        int best = LinearScores.argmax(probabilities);
        double entropy = LinearScores.softmaxInPlace(probabilities);
        return new Classification(best, classes.get(best), probabilities, entropy);
    }
}
