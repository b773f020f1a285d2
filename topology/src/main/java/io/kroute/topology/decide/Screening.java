package io.kroute.topology.decide;

import io.kroute.inference.classify.Classification;
import io.kroute.schemas.FeatureScore;
import io.kroute.topology.Reason;
import java.util.List;

/**
 * The classifier's and the anomaly filter's verdict on one prompt.
 *
 * @param classification the class, or null for a prompt held before it was classified (oversize)
 * @param anomalyScore the largest directional z-score; 0 when the filter is disabled
 * @param anomalyFeature the feature that gave it; null when the filter is disabled
 * @param threshold the score above which a prompt is held
 * @param features every screened feature, most anomalous first (empty when disabled)
 * @param baseline {@code global}, {@code class:<name>} or {@code tenant:<tenant>}; empty when not screened
 * @param reason why the prompt is held, or null when it is not
 */
public record Screening(Classification classification, double anomalyScore, String anomalyFeature, boolean flagged,
        double threshold, List<FeatureScore> features, String baseline, Reason reason) {

    public static Screening unscreened(Classification classification) {
        return new Screening(classification, 0.0, null, false, Double.POSITIVE_INFINITY, List.of(), "", null);
    }

    /** A prompt longer than the size limit: held as {@code oversize}, neither classified nor screened. */
    public static Screening oversize(long limit) {
        return new Screening(null, 0.0, null, true, limit, List.of(), "", Reason.OVERSIZE);
    }
}
