package io.kroute.inference.anomaly;

import java.util.Objects;

/**
 * The anomaly baseline of one class: the feature statistics of the training prompts predicted as that class.
 * Its baselines use the global ones' transform, direction and method.
 *
 * @param label the class
 * @param prompts how many training prompts it was computed from (the evidence the prior weighs)
 * @param features one baseline per {@link PromptFeature}, by ordinal
 */
public record ClassBaseline(String label, long prompts, FeatureBaseline[] features) {

    public ClassBaseline {
        Objects.requireNonNull(label, "label");
        if (prompts < 0) {
            throw new IllegalArgumentException("class " + label + ": expected a prompt count >= 0, found " + prompts);
        }
        if (features.length != PromptFeature.count()) {
            throw new IllegalArgumentException("class " + label + ": expected a baseline for each of the "
                    + PromptFeature.count() + " features, found " + features.length);
        }
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null) {
                throw new IllegalArgumentException("class " + label + ": no baseline for feature "
                        + PromptFeature.at(i).key());
            }
        }
        features = features.clone();
    }

    /**
     * The weight of the class's own baseline against the global one, {@code n / (n + prior)}: a prior worth
     * {@code prior} prompts, so a class with little evidence scores mostly against the global baseline.
     */
    public double weight(double prior) {
        return prompts == 0 ? 0.0 : prompts / (prompts + prior);
    }

    @Override
    public FeatureBaseline[] features() {
        return features.clone();
    }

    public FeatureBaseline feature(int ordinal) {
        return features[ordinal];
    }
}
