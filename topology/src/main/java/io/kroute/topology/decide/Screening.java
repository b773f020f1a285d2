package io.kroute.topology.decide;

import io.kroute.inference.classify.Classification;
import io.kroute.schemas.FeatureScore;
import java.util.List;

/**
 * The classifier's and the anomaly filter's verdict on one prompt.
 *
 * @param anomalyScore the largest directional z-score; 0 when the filter is disabled
 * @param anomalyFeature the feature that gave it; null when the filter is disabled
 * @param threshold the score above which a prompt is held
 * @param features every screened feature, most anomalous first (empty when disabled)
 * @param baseline {@code shipped} or {@code tenant}
 */
public record Screening(Classification classification, double anomalyScore, String anomalyFeature, boolean flagged,
        double threshold, List<FeatureScore> features, String baseline) {

    public static Screening unscreened(Classification classification) {
        return new Screening(classification, 0.0, null, false, Double.POSITIVE_INFINITY, List.of(), "shipped");
    }
}
