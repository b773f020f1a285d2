package io.kroute.inference.anomaly;

import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.SparseFeatures;
import java.util.Objects;

/**
 * Classifies a prompt and screens it for anomalies from one scan of its text: the tokenizer gathers the
 * character statistics in the same pass as the tokens the classifier uses. Immutable and
 * thread-safe (scratch space is per thread).
 */
public final class PromptAnalyzer {
    private final TextClassifier classifier;
    private final AnomalyModel anomalyModel;
    private final double logClasses;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final SparseFeatures features = new SparseFeatures().withStatistics();
        int[] tokenScratch = new int[512];
    }

    public PromptAnalyzer(TextClassifier classifier, AnomalyModel anomalyModel) {
        this.classifier = Objects.requireNonNull(classifier);
        this.anomalyModel = Objects.requireNonNull(anomalyModel);
        this.logClasses = Math.log(classifier.classes().size());
    }

    public TextClassifier classifier() {
        return classifier;
    }

    public AnomalyModel anomalyModel() {
        return anomalyModel;
    }

    public PromptAnalysis analyze(CharSequence text) {
        return analyze(text, null, Double.POSITIVE_INFINITY);
    }

    /** As {@link #analyze(CharSequence)}, scoring against the tenant's own baseline once it is warm. */
    public PromptAnalysis analyze(CharSequence text, AdaptiveBaseline tenant, double warmupWeight) {
        Scratch s = scratch.get();
        return screen(s, classifier.classify(text, s.features), tenant, warmupWeight);
    }

    /**
     * The features and the verdict of the text this thread's scratch space last classified: the part of
     * {@link #analyze} after classification, apart for benchmarks.
     */
    public PromptAnalysis screenLastClassified(Classification classification) {
        return screen(scratch.get(), classification, null, Double.POSITIVE_INFINITY);
    }

    private PromptAnalysis screen(Scratch s, Classification classification, AdaptiveBaseline tenant,
            double warmupWeight) {
        int needed = PromptFeatures.scratchSize(s.features.tokens().count());
        if (s.tokenScratch.length < needed) {
            s.tokenScratch = new int[needed];
        }
        PromptFeatures features = PromptFeatures.extract(s.features, classification, logClasses,
                s.tokenScratch);
        return new PromptAnalysis(classification, features,
                anomalyModel.score(features, classification.labelIndex(), tenant, warmupWeight));
    }

    /** The features alone, for computing baselines and evaluations. */
    public PromptFeatures features(CharSequence text) {
        return analyze(text).features();
    }
}
