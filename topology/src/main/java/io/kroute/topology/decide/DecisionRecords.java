package io.kroute.topology.decide;

import io.kroute.inference.anomaly.AdaptiveBaseline;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.AnomalyVerdict;
import io.kroute.inference.anomaly.DecayingStats;
import io.kroute.inference.anomaly.FeatureBaseline;
import io.kroute.inference.anomaly.PromptFeature;
import io.kroute.inference.anomaly.PromptFeatures;
import io.kroute.inference.bandit.ArmDistribution;
import io.kroute.inference.classify.Classification;
import io.kroute.schemas.ArmScore;
import io.kroute.schemas.FeatureScore;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.ProviderExclusion;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;
import io.kroute.topology.Reason;
import io.kroute.topology.weights.ActiveModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles the records the decide path writes, and their parts, in one place: a {@link RoutingDecision} with its
 * {@link ArmScore}s, a {@link QuarantineRecord} with its {@link FeatureScore}s.
 */
public final class DecisionRecords {

    private DecisionRecords() {
    }

    /**
     * The decision for a prompt routed to {@code chosen}, made at wall-clock time {@code now}.
     *
     * @param excluded the providers the routing rules excluded, with their rules
     */
    public static RoutingDecision decision(PromptEvent event, Screening screening, ActiveModel model,
            ProviderChooser.Chosen chosen, List<ProviderExclusion> excluded, long now) {
        Classification classification = screening.classification();
        List<String> classes = model.weights().classifier().classes();
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            probabilities.put(classes.get(i), classification.probabilities()[i]);
        }
        return RoutingDecision.newBuilder()
                .setPromptId(event.getId())
                .setTenant(event.getTenant())
                .setLabel(classification.label())
                .setClassProbabilities(probabilities)
                .setAnomalyScore(screening.anomalyScore())
                .setAnomalyFeature(screening.anomalyFeature())
                .setProvider(chosen.choice().arm())
                .setPropensity(chosen.choice().propensity())
                .setPolicy(chosen.choice().policy())
                .setExplored(chosen.explored())
                .setArms(chosen.arms())
                .setFallbacks(chosen.fallbacks())
                .setExclusions(excluded)
                .setModelName(model.modelName())
                .setWeightsVersion(model.modelVersion())
                .setPromptCreatedAt(event.getCreatedAt())
                .setDecidedAt(Instant.ofEpochMilli(now))
                .build();
    }

    /**
     * The record of a prompt held for {@code reason}, at wall-clock time {@code now}.
     *
     * @param detail the record's human-readable reason: what was found and the limit it passed
     */
    public static QuarantineRecord quarantine(PromptEvent event, Reason reason, String detail, Screening screening,
            ActiveModel model, long now) {
        if (reason.destination() != Reason.Destination.QUARANTINE) {
            throw new IllegalArgumentException("quarantine: expected a quarantine reason, found '" + reason + "'");
        }
        return QuarantineRecord.newBuilder()
                .setPrompt(event)
                .setReason(detail)
                .setCause(reason.key())
                .setAnomalyScore(screening.anomalyScore())
                .setThreshold(screening.threshold())
                .setFeatures(screening.features())
                .setBaseline(screening.baseline())
                .setLabel(screening.classification() == null ? null : screening.classification().label())
                .setWeightsVersion(model.modelVersion())
                .setQuarantinedAt(Instant.ofEpochMilli(now))
                .build();
    }

    /**
     * The record of a prompt held as {@link Reason#NO_ELIGIBLE_PROVIDER}: every provider with the rule that excluded
     * it; its anomaly fields hold the prompt's (unflagged) score and threshold, and no features.
     */
    public static QuarantineRecord noEligibleProvider(PromptEvent event, Screening screening, ActiveModel model,
            List<ProviderExclusion> exclusions, long now) {
        StringBuilder detail = new StringBuilder(Reason.NO_ELIGIBLE_PROVIDER.key()).append(':');
        for (ProviderExclusion e : exclusions) {
            detail.append(' ').append(e.getProvider()).append(" (").append(e.getRule()).append(')');
        }
        QuarantineRecord record = quarantine(event, Reason.NO_ELIGIBLE_PROVIDER, detail.toString(), screening, model,
                now);
        record.setFeatures(List.of());
        record.setExclusions(exclusions);
        return record;
    }

    /** The detail of a prompt held as {@link Reason#ANOMALY}: its most anomalous feature against the threshold. */
    public static String anomalyDetail(Screening screening) {
        return String.format(Locale.ROOT, "%s z=%.2f exceeds threshold %.1f (%s baseline)",
                screening.anomalyFeature(), screening.anomalyScore(), screening.threshold(), screening.baseline());
    }

    /** The detail of a prompt held as {@link Reason#OVERSIZE}: its length against the limit. */
    public static String oversizeDetail(PromptEvent event, Screening screening) {
        return String.format(Locale.ROOT, "%d characters exceed maxPromptChars %d", event.getText().length(),
                (long) screening.threshold());
    }

    /**
     * Every feature with the baseline it was compared with, most anomalous first.
     *
     * @param classIndex the prompt's class, whose baseline it was compared with (-1: the global one)
     * @param tenant the tenant's baseline when the prompt was compared with it; null for the weight file's
     */
    public static List<FeatureScore> featureScores(AnomalyModel model, PromptFeatures features, int classIndex,
            AnomalyVerdict verdict, AdaptiveBaseline tenant) {
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

    /**
     * What the policy knew about every provider when it prepared {@code distribution}, in provider order. The list
     * is read-only, so the decisions made from one preparation share it.
     */
    public static List<ArmScore> armScores(List<String> providers, double[] expectations, ArmDistribution distribution,
            double[] pulls) {
        List<ArmScore> scores = new ArrayList<>(providers.size());
        for (int i = 0; i < providers.size(); i++) {
            double probability = distribution.probability(i);
            scores.add(ArmScore.newBuilder().setProvider(providers.get(i)).setExpectedReward(expectations[i])
                    .setScore(probability).setSelectionProbability(probability).setPulls(pulls[i]).build());
        }
        return List.copyOf(scores);
    }
}
