package io.kroute.inference.text;

/**
 * Text to sparse features, as a fitted scikit-learn vectorizer (or a union of them) transforms it. Immutable and
 * thread-safe; scratch space lives in the {@link SparseFeatures} passed in.
 */
public interface Vectorizer {

    /** The number of feature columns (the vocabulary size, summed over a union). */
    int featureCount();

    /**
     * Vectorizes {@code text} into {@code out}, replacing its features. After a word vectorizer or a union,
     * {@code out} also holds the word pass the anomaly filter reads ({@link SparseFeatures#tokens()}, and the
     * character statistics when {@code out} gathers them).
     */
    void transform(CharSequence text, SparseFeatures out);

    /** The word tokenizer of the pass whose tokens {@link #transform} leaves in {@link SparseFeatures#tokens()}. */
    WordTokenizer tokenizer();

    /** One line saying what this vectorizer is, for people (e.g. {@code kroute weights inspect}). */
    String describe();
}
