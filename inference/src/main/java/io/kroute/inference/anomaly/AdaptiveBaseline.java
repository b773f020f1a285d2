package io.kroute.inference.anomaly;

import java.util.Arrays;

/**
 * One tenant's own baseline: exponentially weighted statistics of every feature's transformed value over the
 * tenant's recent normal prompts. Immutable and mergeable; the anomaly model uses it in place of the shipped
 * baseline once its weight reaches a warm-up count.
 */
public record AdaptiveBaseline(DecayingStats[] features) {

    public AdaptiveBaseline {
        if (features.length != PromptFeature.count()) {
            throw new IllegalArgumentException("expected " + PromptFeature.count() + " feature statistics, found "
                    + features.length);
        }
        features = features.clone();
    }

    public static AdaptiveBaseline empty() {
        DecayingStats[] stats = new DecayingStats[PromptFeature.count()];
        Arrays.fill(stats, DecayingStats.EMPTY);
        return new AdaptiveBaseline(stats);
    }

    /** Effective number of recent prompts behind this baseline. */
    public double weight() {
        return features[0].weight();
    }

    public DecayingStats get(PromptFeature feature) {
        return features[feature.ordinal()];
    }

    /** This baseline with one more prompt, whose features are transformed as the model transforms them. */
    public AdaptiveBaseline plus(PromptFeatures prompt, AnomalyModel model, long atMillis, double halfLifeMillis) {
        DecayingStats[] next = new DecayingStats[features.length];
        for (int i = 0; i < features.length; i++) {
            double x = model.baseline(i).transform().apply(prompt.get(i));
            next[i] = features[i].plus(x, atMillis, halfLifeMillis);
        }
        return new AdaptiveBaseline(next);
    }

    public AdaptiveBaseline merge(AdaptiveBaseline other, double halfLifeMillis) {
        DecayingStats[] next = new DecayingStats[features.length];
        for (int i = 0; i < features.length; i++) {
            next[i] = features[i].merge(other.features[i], halfLifeMillis);
        }
        return new AdaptiveBaseline(next);
    }

    @Override
    public DecayingStats[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdaptiveBaseline other && Arrays.equals(features, other.features);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "AdaptiveBaseline[weight=" + weight() + "]";
    }
}
