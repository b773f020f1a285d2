package io.kroute.inference.anomaly;

import java.util.Objects;

/**
 * The Z-score anomaly filter: one {@link FeatureBaseline} per {@link PromptFeature} and a threshold. The
 * combined score is the largest directional z-score over the features; a prompt is flagged when it exceeds
 * the threshold, and the feature that produced it is named. Immutable and thread-safe.
 */
public final class AnomalyModel {
    private final FeatureBaseline[] baselines;
    private final double threshold;
    // Each baseline's centre and scale, computed once rather than per prompt.
    private final double[] centers;
    private final double[] scales;

    public AnomalyModel(FeatureBaseline[] baselines, double threshold) {
        if (baselines.length != PromptFeature.count()) {
            throw new IllegalArgumentException("expected a baseline for each of the " + PromptFeature.count()
                    + " features, found " + baselines.length);
        }
        for (int i = 0; i < baselines.length; i++) {
            int missing = i;
            Objects.requireNonNull(baselines[i], () -> "no baseline for feature " + PromptFeature.at(missing).key());
        }
        if (!Double.isFinite(threshold) || threshold <= 0) {
            throw new IllegalArgumentException("threshold must be a positive finite number, found " + threshold);
        }
        this.baselines = baselines.clone();
        this.threshold = threshold;
        this.centers = new double[baselines.length];
        this.scales = new double[baselines.length];
        for (int i = 0; i < baselines.length; i++) {
            centers[i] = baselines[i].center();
            scales[i] = baselines[i].scale();
        }
    }

    public double threshold() {
        return threshold;
    }

    public FeatureBaseline baseline(int ordinal) {
        return baselines[ordinal];
    }

    public FeatureBaseline baseline(PromptFeature feature) {
        return baselines[feature.ordinal()];
    }

    public AnomalyVerdict score(PromptFeatures features) {
        return score(features, null, Double.POSITIVE_INFINITY);
    }

    /**
     * Scores against a tenant's own baseline where it has at least {@code warmupWeight} prompts behind it,
     * and against the shipped baseline otherwise.
     */
    public AnomalyVerdict score(PromptFeatures features, AdaptiveBaseline tenant, double warmupWeight) {
        boolean useTenant = tenant != null && tenant.weight() >= warmupWeight;
        double[] z = new double[baselines.length];
        double best = 0.0;
        int bestFeature = -1;
        for (int i = 0; i < baselines.length; i++) {
            FeatureBaseline b = baselines[i];
            double raw = features.get(i);
            double score;
            if (useTenant) {
                DecayingStats own = tenant.get(PromptFeature.at(i));
                score = b.score(raw, own.mean(), own.std());
            } else {
                score = b.zScore(raw, centers[i], scales[i]);
            }
            // Inputs are finite by construction; this guard keeps any surprise from becoming NaN downstream.
            if (!Double.isFinite(score)) {
                score = Double.isNaN(score) ? 0.0 : Double.MAX_VALUE;
            }
            z[i] = score;
            if (score > best) {
                best = score;
                bestFeature = i;
            }
        }
        String feature = bestFeature < 0 ? AnomalyVerdict.NO_FEATURE : PromptFeature.at(bestFeature).key();
        return new AnomalyVerdict(best, best > threshold, feature, z);
    }
}
