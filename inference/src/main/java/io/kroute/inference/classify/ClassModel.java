package io.kroute.inference.classify;

import io.kroute.inference.text.SparseFeatures;
import java.util.List;

/**
 * A fitted scikit-learn classifier over sparse features: {@code predict} and {@code predict_proba}, with the
 * same floating-point operations in the same order. Immutable and thread-safe.
 */
public interface ClassModel {

    int classCount();

    int featureCount();

    /** scikit-learn's {@code predict} (the label) and {@code predict_proba} (the probabilities) of {@code x}. */
    Classification classify(SparseFeatures x, List<String> classes);

    /** One line saying what this model is, for people. */
    String describe();
}
