package io.kroute.runtime;

import io.kroute.topology.KrouteTopics;
import io.kroute.topology.Reason;
import io.kroute.topology.metrics.KrouteCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The topology's counters as Micrometer meters, for {@code /metrics}. Meters are looked up once per tag
 * combination and cached, since these calls sit on the per-record path.
 */
public final class MicrometerKrouteCounters implements KrouteCounters {
    private final MeterRegistry registry;
    /** The reasons only a reward is refused for (its decision is unknown, closed or another provider's). */
    private static final Set<Reason> REWARD_REASONS = EnumSet.of(Reason.UNMATCHED, Reason.LATE,
            Reason.PROVIDER_MISMATCH, Reason.INVALID_REWARD);

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer decisionLatency;
    private final AtomicReference<String[]> activeWeights = new AtomicReference<>();

    public MicrometerKrouteCounters(MeterRegistry registry) {
        this.registry = registry;
        this.decisionLatency = Timer.builder("kroute.decision.latency")
                .description("Time to decide one prompt, from decoded bytes to decision or quarantine record")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + '\u0000' + String.join("\u0000", tags);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                    .register(registry));
        }
        return counter;
    }

    /**
     * Publishes every counter at zero for each class, provider and reason it can count, so dashboards and
     * alerts see the series from the start instead of after the first event.
     */
    public void registerAtZero(List<String> classes, List<String> providers) {
        for (String label : classes) {
            quarantined(label, 0);
            for (String provider : providers) {
                decision(label, provider, 0);
                rewardFolded(label, provider, false, 0);
                rewardFolded(label, provider, true, 0);
            }
        }
        for (Reason reason : Reason.values()) {
            if (reason.destination() != Reason.Destination.DEAD_LETTERS) {
                continue;
            }
            boolean rewardOnly = REWARD_REASONS.contains(reason);
            if (!rewardOnly) {
                deadLetter(KrouteTopics.PROMPTS, reason.key(), 0);
            }
            deadLetter(KrouteTopics.REWARDS, reason.key(), 0);
            if (rewardOnly) {
                rewardRejected(reason.key(), 0);
            }
        }
        rewardDuplicate(0);
    }

    @Override
    public void decision(String label, String provider) {
        decision(label, provider, 1);
    }

    private void decision(String label, String provider, double amount) {
        counter("kroute.decisions", "Prompts routed, by class and chosen provider", "class", label, "provider", provider)
                .increment(amount);
    }

    @Override
    public void quarantined(String label) {
        quarantined(label, 1);
    }

    private void quarantined(String label, double amount) {
        counter("kroute.quarantined", "Prompts held by the anomaly filter, by class", "class", label).increment(amount);
    }

    @Override
    public void noEligibleProvider(String label) {
        counter("kroute.no.eligible.provider", "Prompts held because the routing rules let no provider serve them, "
                + "by class", "class", label).increment();
    }

    @Override
    public void providerExcluded(String provider, String rule) {
        counter("kroute.providers.excluded", "Routed prompts a provider could not serve, by provider and the first "
                + "rule that excluded it", "provider", provider, "rule", rule).increment();
    }

    @Override
    public void fallbackRewardFolded(String label, String provider) {
        counter("kroute.rewards.fallback", "Rewards for a decision's fallback provider, credited to that provider's arm",
                "class", label, "provider", provider).increment();
    }

    @Override
    public void deadLetter(String sourceTopic, String reason) {
        deadLetter(sourceTopic, reason, 1);
    }

    private void deadLetter(String sourceTopic, String reason, double amount) {
        counter("kroute.dead.letters", "Records sent to dead-letters, by source topic and reason",
                "topic", sourceTopic, "reason", reason).increment(amount);
    }

    @Override
    public void rewardFolded(String label, String provider, boolean defaulted) {
        rewardFolded(label, provider, defaulted, 1);
    }

    private void rewardFolded(String label, String provider, boolean defaulted, double amount) {
        counter("kroute.rewards.folded", "Rewards folded into an arm; defaulted=true for decisions that got none in time",
                "class", label, "provider", provider, "defaulted", Boolean.toString(defaulted)).increment(amount);
    }

    @Override
    public void rewardRejected(String reason) {
        rewardRejected(reason, 1);
    }

    private void rewardRejected(String reason, double amount) {
        counter("kroute.rewards.unmatched", "Rewards that matched no pending decision, by reason", "reason", reason)
                .increment(amount);
    }

    @Override
    public void rewardDuplicate() {
        rewardDuplicate(1);
    }

    private void rewardDuplicate(double amount) {
        counter("kroute.rewards.duplicate", "Second and later rewards for one decision, ignored").increment(amount);
    }

    @Override
    public void weightsRefused(String reason) {
        counter("kroute.weights.refused", "Weight files refused, by the reader's reason", "reason", reason).increment();
    }

    @Override
    public void weightsActivated(String modelName, String modelVersion) {
        counter("kroute.weights.activated", "Weight files that became the active model", "model", modelName).increment();
        String[] previous = activeWeights.getAndSet(new String[] {modelName, modelVersion});
        if (previous != null) {
            registry.find("kroute.weights.active").tags("model", previous[0], "version", previous[1]).meters()
                    .forEach(registry::remove);
        }
        // An info-style gauge: the version is in the tags, the value is 1.
        Gauge.builder("kroute.weights.active", () -> 1).description("The active weight file (value 1; model and version in tags)")
                .tags("model", modelName, "version", modelVersion).register(registry);
    }

    @Override
    public void decisionLatency(long nanos) {
        decisionLatency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
