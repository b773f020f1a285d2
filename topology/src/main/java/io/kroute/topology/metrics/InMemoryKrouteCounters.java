package io.kroute.topology.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters kept in memory, keyed by metric name and tags ({@code decisions{label=code,provider=openai}}).
 * Thread-safe. Tests read them; the runtime can poll them or bind its own implementation instead.
 */
public final class InMemoryKrouteCounters implements KrouteCounters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private volatile String activeWeightsVersion;

    private void increment(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    @Override
    public void decision(String label, String provider) {
        increment("decisions{label=" + label + ",provider=" + provider + "}");
    }

    @Override
    public void quarantined(String label) {
        increment("quarantined{label=" + label + "}");
    }

    @Override
    public void noEligibleProvider(String label) {
        increment("no-eligible-provider{label=" + label + "}");
    }

    @Override
    public void providerExcluded(String provider, String rule) {
        increment("providers-excluded{provider=" + provider + ",rule=" + rule + "}");
    }

    @Override
    public void fallbackRewardFolded(String label, String provider) {
        increment("fallback-rewards-folded{label=" + label + ",provider=" + provider + "}");
    }

    @Override
    public void deadLetter(String sourceTopic, String reason) {
        increment("dead-letters{topic=" + sourceTopic + ",reason=" + reason + "}");
    }

    @Override
    public void rewardFolded(String label, String provider, boolean defaulted) {
        increment("rewards-folded{label=" + label + ",provider=" + provider + ",default=" + defaulted + "}");
    }

    @Override
    public void rewardRejected(String reason) {
        increment("rewards-rejected{reason=" + reason + "}");
    }

    @Override
    public void rewardDuplicate() {
        increment("rewards-duplicate");
    }

    @Override
    public void weightsRefused(String reason) {
        increment("weights-refused{reason=" + reason + "}");
    }

    @Override
    public void weightsActivated(String modelName, String modelVersion) {
        activeWeightsVersion = modelVersion;
        increment("weights-activated{model=" + modelName + "}");
    }

    @Override
    public void decisionLatency(long nanos) {
        latencyCount.increment();
        latencyNanos.add(nanos);
    }

    /** The count under a full key such as {@code decisions{label=code,provider=openai}}; 0 when never counted. */
    public long count(String key) {
        LongAdder adder = counts.get(key);
        return adder == null ? 0 : adder.sum();
    }

    /** The sum of every count whose key starts with {@code prefix} (e.g. {@code "dead-letters{"}). */
    public long total(String prefix) {
        long sum = 0;
        for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                sum += e.getValue().sum();
            }
        }
        return sum;
    }

    /** Every count, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public String activeWeightsVersion() {
        return activeWeightsVersion;
    }

    public long decisionsTimed() {
        return latencyCount.sum();
    }

    public long decisionNanosTotal() {
        return latencyNanos.sum();
    }
}
