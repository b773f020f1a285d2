package io.kroute.topology.decide;

import io.kroute.inference.anomaly.AdaptiveBaseline;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.AnomalyVerdict;
import io.kroute.inference.anomaly.PromptAnalysis;
import io.kroute.schemas.PromptEvent;
import io.kroute.topology.Reason;
import io.kroute.topology.weights.ActiveModel;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Classifies a prompt and screens it for anomalies with the active model, in one pass over its text. The
 * prompt is compared with the model's shipped baselines or, when tenant baselines are on and the tenant has
 * enough history in this task, with the tenant's own; normal prompts then extend the tenant's baseline.
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
        boolean flagged = verdict.flagged();
        return new Screening(analysis.classification(), verdict.score(), verdict.feature(), flagged,
                anomaly.threshold(), flagged ? DecisionRecords.featureScores(anomaly, analysis.features(),
                        analysis.classification().labelIndex(), verdict, tenantBaseline ? tenant : null) : List.of(),
                flagged ? verdict.baselineName(event.getTenant()) : verdict.baseline(), flagged ? Reason.ANOMALY : null);
    }
}
