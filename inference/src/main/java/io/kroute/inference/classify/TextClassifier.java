package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.Vectorizer;
import java.util.List;
import java.util.Objects;

/**
 * A text classifier: a vectorizer and a model that gives the label and the class probabilities.
 * Immutable and thread-safe; per-thread scratch space keeps {@link #classify} free of per-token allocation.
 */
public final class TextClassifier {
    private final ModelKind kind;
    private final List<String> classes;
    private final Vectorizer vectorizer;
    private final ClassModel model;
    private final ThreadLocal<SparseFeatures> scratch = ThreadLocal.withInitial(SparseFeatures::new);

    /** A naive Bayes classifier over {@code scores} (the joint log-likelihood). */
    public TextClassifier(ModelKind kind, List<String> classes, Vectorizer vectorizer, LinearScores scores) {
        this(kind, classes, vectorizer, new NaiveBayesModel(kind, scores));
    }

    public TextClassifier(ModelKind kind, List<String> classes, Vectorizer vectorizer, ClassModel model) {
        this.kind = Objects.requireNonNull(kind);
        this.classes = List.copyOf(classes);
        this.vectorizer = Objects.requireNonNull(vectorizer);
        this.model = Objects.requireNonNull(model);
        if (model.classCount() != this.classes.size()) {
            throw new IllegalArgumentException("expected " + this.classes.size() + " classes in the model, found "
                    + model.classCount());
        }
        if (model.featureCount() != vectorizer.featureCount()) {
            throw new IllegalArgumentException("expected " + vectorizer.featureCount()
                    + " features per class (the vectorizers' columns), found " + model.featureCount());
        }
    }

    public ModelKind kind() {
        return kind;
    }

    public List<String> classes() {
        return classes;
    }

    public Vectorizer vectorizer() {
        return vectorizer;
    }

    public ClassModel model() {
        return model;
    }

    public Classification classify(CharSequence text) {
        return classify(text, scratch.get());
    }

    /**
     * Classifies using caller-owned scratch space, which afterwards holds the text's word tokens and features
     * (for callers that derive more from the same pass, such as the anomaly filter).
     */
    public Classification classify(CharSequence text, SparseFeatures features) {
        vectorizer.transform(text, features);
        return model.classify(features, classes);
    }
}
