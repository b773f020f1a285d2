package io.kroute.topology.decide;

import io.kroute.inference.anomaly.AdaptiveBaseline;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.AnomalyVerdict;
import io.kroute.inference.anomaly.DecayingStats;
import io.kroute.inference.anomaly.FeatureBaseline;
import io.kroute.inference.anomaly.PromptAnalysis;
import io.kroute.inference.anomaly.PromptFeature;
import io.kroute.inference.anomaly.PromptFeatures;
import io.kroute.schemas.FeatureScore;
import io.kroute.schemas.PromptEvent;
import io.kroute.topology.weights.ActiveModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Classifies a prompt and screens it for anomalies with the active model, in one pass over its text. A prompt
 * longer than the size limit is held as {@code oversize} without either. The prompt is compared with the model's
 * baseline of its class (or the global one) or, when tenant baselines are on and the tenant has enough history in
 * this task, with the tenant's own; normal prompts then extend the tenant's baseline.
 * With screening off, or a model without an {@code anomaly} section, prompts are classified only (score 0, no
 * feature), as the decision schema documents. One instance per task; not thread-safe.
 */
public final class PromptScreen {

    private final boolean anomalyEnabled;
    private final long maxPromptChars;
    private final String tenantStoreName;
    private final double warmupWeight;
    private final double tenantHalfLifeMs;
    private KeyValueStore<String, AdaptiveBaseline> tenants;

    /**
     * @param tenantStoreName the store of tenant baselines, or null when they are off
     */
    public PromptScreen(boolean anomalyEnabled, String tenantStoreName, double warmupWeight, double tenantHalfLifeMs) {
        this(anomalyEnabled, Long.MAX_VALUE, tenantStoreName, warmupWeight, tenantHalfLifeMs);
    }

    /**
     * @param maxPromptChars the size limit: a longer prompt is held as {@code oversize}, with screening on or off
     * @param tenantStoreName the store of tenant baselines, or null when they are off
     */
    public PromptScreen(boolean anomalyEnabled, long maxPromptChars, String tenantStoreName, double warmupWeight,
            double tenantHalfLifeMs) {
        this.anomalyEnabled = anomalyEnabled;
        this.maxPromptChars = maxPromptChars;
        this.tenantStoreName = tenantStoreName;
        this.warmupWeight = warmupWeight;
        this.tenantHalfLifeMs = tenantHalfLifeMs;
    }

    void init(ProcessorContext<?, ?> context) {
        if (anomalyEnabled && tenantStoreName != null) {
            tenants = context.getStateStore(tenantStoreName);
        }
    }

    Screening screen(ActiveModel model, PromptEvent event, long timestamp) {
        if (event.getText().length() > maxPromptChars) {
            return Screening.oversize(maxPromptChars);
        }
        if (!anomalyEnabled || model.analyzer() == null) {
            return Screening.unscreened(model.weights().classifier().classify(event.getText()));
        }
        AnomalyModel anomaly = model.analyzer().anomalyModel();
        AdaptiveBaseline tenant = tenants == null ? null : tenants.get(event.getTenant());
        PromptAnalysis analysis = model.analyzer().analyze(event.getText(), tenant, warmupWeight);
        AnomalyVerdict verdict = analysis.anomaly();
        boolean tenantBaseline = tenant != null && tenant.weight() >= warmupWeight;
        if (tenants != null && !verdict.flagged()) {
            AdaptiveBaseline base = tenant == null ? AdaptiveBaseline.empty() : tenant;
            tenants.put(event.getTenant(), base.plus(analysis.features(), anomaly, timestamp, tenantHalfLifeMs));
        }
        return new Screening(analysis.classification(), verdict.score(), verdict.feature(), verdict.flagged(),
                anomaly.threshold(), verdict.flagged() ? featureScores(anomaly, analysis, verdict,
                        tenantBaseline ? tenant : null) : List.of(),
                verdict.flagged() ? verdict.baselineName(event.getTenant()) : verdict.baseline(),
                verdict.flagged() ? QuarantineReason.ANOMALY : null);
    }

    /** Every feature with the baseline it was compared with, most anomalous first (for quarantine records). */
    private static List<FeatureScore> featureScores(AnomalyModel model, PromptAnalysis analysis, AnomalyVerdict verdict,
            AdaptiveBaseline tenant) {
        PromptFeatures features = analysis.features();
        int classIndex = analysis.classification().labelIndex();
        List<FeatureScore> scores = new ArrayList<>(PromptFeature.count());
        for (int i = 0; i < PromptFeature.count(); i++) {
            FeatureBaseline baseline = model.baseline(i);
            double value = baseline.transform().apply(features.get(i));
            double mean;
            double spread;
            if (tenant != null) {
                DecayingStats own = tenant.get(PromptFeature.at(i));
                mean = own.mean();
                spread = Math.max(own.std(), baseline.scaleFloor());
            } else {
                mean = model.center(classIndex, i);
                spread = model.scale(classIndex, i);
            }
            scores.add(FeatureScore.newBuilder().setName(PromptFeature.at(i).key()).setValue(value).setMean(mean)
                    .setStdDev(spread).setZScore(verdict.zScores()[i]).build());
        }
        scores.sort(Comparator.comparingDouble(FeatureScore::getZScore).reversed());
        return scores;
    }
}
