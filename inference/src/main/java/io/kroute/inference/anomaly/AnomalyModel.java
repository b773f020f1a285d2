package io.kroute.inference.anomaly;

import java.util.List;
import java.util.Objects;

/**
 * The Z-score anomaly filter: one {@link FeatureBaseline} per {@link PromptFeature}, optionally one
 * {@link ClassBaseline} per class of the classifier, and a threshold. A prompt is compared with the baseline of
 * the class it was classified as, shrunk toward the global baseline by a prior worth {@code classPrior} prompts:
 * with {@code w = n / (n + classPrior)} for a class of n training prompts, its centre and scale are
 * {@code w × own + (1 − w) × global} per feature, the scale never below the global scale floor. The combined score is the largest directional z-score over
 * the features; a prompt is flagged when it exceeds the threshold, and the feature and baseline that produced it
 * are named. Immutable and thread-safe.
 */
public final class AnomalyModel {
    public static final String GLOBAL = "global";
    public static final String CLASS_PREFIX = "class:";

    private final FeatureBaseline[] baselines;
    private final double threshold;
    private final List<ClassBaseline> classBaselines;
    private final double classPrior;
    // Row 0 is the global baseline, row 1 + c class c's (shrunk): centre and scale, computed once per model.
    private final double[][] centers;
    private final double[][] scales;
    private final String[] baselineNames;

    public AnomalyModel(FeatureBaseline[] baselines, double threshold) {
        this(baselines, threshold, List.of(), 1.0);
    }

    /**
     * @param classBaselines one per class, in the classifier's class order, or empty for the global baseline only
     * @param classPrior the prior's strength in prompts (positive)
     */
    public AnomalyModel(FeatureBaseline[] baselines, double threshold, List<ClassBaseline> classBaselines,
            double classPrior) {
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
        if (!Double.isFinite(classPrior) || classPrior <= 0) {
            throw new IllegalArgumentException("classPrior must be a positive finite number, found " + classPrior);
        }
        this.baselines = baselines.clone();
        this.threshold = threshold;
        this.classBaselines = List.copyOf(classBaselines);
        this.classPrior = classPrior;
        int rows = 1 + this.classBaselines.size();
        this.centers = new double[rows][baselines.length];
        this.scales = new double[rows][baselines.length];
        this.baselineNames = new String[rows];
        baselineNames[0] = GLOBAL;
        for (int i = 0; i < baselines.length; i++) {
            centers[0][i] = baselines[i].center();
            scales[0][i] = baselines[i].scale();
        }
        for (int c = 0; c < this.classBaselines.size(); c++) {
            ClassBaseline own = this.classBaselines.get(c);
            double w = own.weight(classPrior);
            baselineNames[c + 1] = CLASS_PREFIX + own.label();
            for (int i = 0; i < baselines.length; i++) {
                centers[c + 1][i] = w * own.feature(i).center() + (1.0 - w) * centers[0][i];
                // Never tighter than the global floor: a class may move the centre and widen the spread, but
                // a few hundred prompts of one class do not make the filter stricter than its resolution.
                scales[c + 1][i] = Math.max(w * own.feature(i).scale() + (1.0 - w) * scales[0][i],
                        baselines[i].scaleFloor());
            }
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

    /** The class baselines, in the classifier's class order (empty when the model has none). */
    public List<ClassBaseline> classBaselines() {
        return classBaselines;
    }

    public double classPrior() {
        return classPrior;
    }

    /** The centre a prompt of class {@code classIndex} is compared with on one feature (-1: the global one). */
    public double center(int classIndex, int ordinal) {
        return centers[row(classIndex)][ordinal];
    }

    /** The scale (floored spread) a prompt of class {@code classIndex} is compared with on one feature. */
    public double scale(int classIndex, int ordinal) {
        return scales[row(classIndex)][ordinal];
    }

    private int row(int classIndex) {
        return classIndex >= 0 && classIndex < classBaselines.size() ? classIndex + 1 : 0;
    }

    /** Scores against the global baseline. */
    public AnomalyVerdict score(PromptFeatures features) {
        return score(features, -1, null, Double.POSITIVE_INFINITY);
    }

    /**
     * Scores against a tenant's own baseline where it has at least {@code warmupWeight} prompts behind it, and
     * otherwise against the baseline of class {@code classIndex} (the global one when the model has no class
     * baselines, or for -1).
     */
    public AnomalyVerdict score(PromptFeatures features, int classIndex, AdaptiveBaseline tenant, double warmupWeight) {
        boolean useTenant = tenant != null && tenant.weight() >= warmupWeight;
        int row = row(classIndex);
        double[] center = centers[row];
        double[] scale = scales[row];
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
                score = b.zScore(raw, center[i], scale[i]);
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
        return new AnomalyVerdict(best, best > threshold, feature, z,
                useTenant ? AnomalyVerdict.TENANT : baselineNames[row]);
    }
}
