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
 * @param baseline the baseline the prompt was compared with: {@code global}, {@code class:<name>}, or
 *     {@link #TENANT} for a tenant's own (named with {@link #baselineName})
 */
public record AnomalyVerdict(double score, boolean flagged, String feature, double[] zScores, String baseline) {
    public static final String NO_FEATURE = "none";
    public static final String TENANT = "tenant";
    public static final String TENANT_PREFIX = "tenant:";

    /** The baseline's name as records carry it: {@code tenant:<tenant>} for a tenant's own baseline. */
    public String baselineName(String tenant) {
        return TENANT.equals(baseline) ? TENANT_PREFIX + tenant : baseline;
    }

    /** Feature key → directional z-score, in declaration order. */
    public Map<String, Double> scoresByFeature() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < zScores.length; i++) {
            map.put(PromptFeature.at(i).key(), zScores[i]);
        }
        return map;
    }
}
