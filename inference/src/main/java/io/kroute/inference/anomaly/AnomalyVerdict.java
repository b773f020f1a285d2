package io.kroute.inference.anomaly;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The anomaly filter's answer for one prompt.
 *
 * @param score the combined score: the largest directional z-score over all features
 * @param flagged whether the score exceeds the threshold
 * @param feature the feature that produced the score ({@code "none"} when nothing deviates)
 * @param zScores the directional z-score of every feature, by ordinal
 */
public record AnomalyVerdict(double score, boolean flagged, String feature, double[] zScores) {
    public static final String NO_FEATURE = "none";

    /** Feature key → directional z-score, in declaration order. */
    public Map<String, Double> scoresByFeature() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < zScores.length; i++) {
            map.put(PromptFeature.at(i).key(), zScores[i]);
        }
        return map;
    }
}
