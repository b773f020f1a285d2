package io.kroute.schemas;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fully populated records of every type, for round trips. */
public final class SampleRecords {

    public static final Instant CREATED = Instant.parse("2026-03-01T12:00:00.123Z");

    private SampleRecords() {
    }

    public static PromptEvent prompt() {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("maxLatencyMs", "2000");
        hints.put("preferredProvider", "provider-b");
        return PromptEvent.newBuilder()
                .setId("p-0001")
                .setTenant("acme")
                .setText("Résume ce texte en trois points — 要約してください 🙂")
                .setCreatedAt(CREATED)
                .setHints(hints)
                .setMetadata(Map.of("trace", "4bf92f3577b34da6"))
                .build();
    }

    public static PromptEvent barePrompt() {
        return PromptEvent.newBuilder().setId("p-0002").setTenant("acme").setText("hi")
                .setCreatedAt(CREATED).setHints(null).setMetadata(null).build();
    }

    public static RoutingDecision decision() {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("code", 0.7);
        probabilities.put("summarize", 0.2);
        probabilities.put("chat", 0.1);
        return RoutingDecision.newBuilder()
                .setPromptId("p-0001")
                .setTenant("acme")
                .setLabel("code")
                .setClassProbabilities(probabilities)
                .setAnomalyScore(1.25)
                .setAnomalyFeature("length_chars")
                .setProvider("provider-b")
                .setPropensity(0.85)
                .setPolicy("epsilon-greedy(0.15)")
                .setExplored(false)
                .setArms(List.of(
                        new ArmScore("provider-a", 0.61, 0.61, 0.075, 40.5),
                        new ArmScore("provider-b", 0.74, 0.74, 0.85, 120.25),
                        new ArmScore("provider-c", 0.40, 0.40, 0.075, 3.0)))
                .setFallbacks(List.of("provider-a", "provider-c"))
                .setExclusions(List.of(new ProviderExclusion("provider-d", "context-window", null)))
                .setModelName("default")
                .setWeightsVersion("20260301T110000Z-1a2b3c4d")
                .setPromptCreatedAt(CREATED)
                .setDecidedAt(CREATED.plusMillis(3))
                .build();
    }

    public static QuarantineRecord quarantine() {
        return QuarantineRecord.newBuilder()
                .setPrompt(prompt())
                .setReason("length_chars z=7.31 exceeds threshold 4.0")
                .setAnomalyScore(7.31)
                .setThreshold(4.0)
                .setFeatures(List.of(
                        new FeatureScore("length_chars", 9000.0, 310.0, 1188.0, 7.31),
                        new FeatureScore("digit_ratio", 0.02, 0.03, 0.02, -0.5)))
                .setBaseline("tenant")
                .setLabel("chat")
                .setWeightsVersion("20260301T110000Z-1a2b3c4d")
                .setQuarantinedAt(CREATED.plusMillis(2))
                .build();
    }

    public static RewardEvent reward() {
        return RewardEvent.newBuilder()
                .setPromptId("p-0001")
                .setProvider("provider-b")
                .setSuccess(true)
                .setLatencyMs(842)
                .setCostUsd(0.0031)
                .setQualityScore(0.9)
                .setObservedAt(CREATED.plusSeconds(2))
                .build();
    }

    public static ArmState armState() {
        return ArmState.newBuilder()
                .setLabel("code")
                .setProvider("provider-b")
                .setSuccesses(88.5)
                .setFailures(31.75)
                .setRewardSum(88.5)
                .setRewardSquareSum(80.1)
                .setWeight(120.25)
                .setCount(131)
                .setHalfLifeMs(3_600_000L)
                .setLastUpdatedAt(CREATED.plusSeconds(60))
                .setVersion(131)
                .build();
    }
}
