package io.kroute.runtime.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The routing rules at work in a demo run, as the dispatch workers saw them: which providers the rules excluded
 * and why, where each tenant's prompts went, how many prompts no provider could serve, and the fallbacks the
 * workers called after a failed call. Immutable.
 *
 * @param exclusions decisions that excluded a provider, by "provider rule"
 * @param byTenant decisions per tenant and provider
 */
public record RoutingTally(Map<String, Long> exclusions, Map<String, Map<String, Long>> byTenant, long noEligible,
        long fallbackCalls, long fallbackSuccesses) {

    public RoutingTally {
        exclusions = Map.copyOf(exclusions);
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        byTenant.forEach((tenant, providers) -> copy.put(tenant, new TreeMap<>(providers)));
        byTenant = copy;
    }

    public static RoutingTally empty() {
        return new RoutingTally(Map.of(), Map.of(), 0, 0, 0);
    }

    /** The summary's lines about the rules. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        String excluded = exclusions.isEmpty() ? "none"
                : new TreeMap<>(exclusions).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        lines.add("  routing rules excluded (provider rule decisions): " + excluded);
        lines.add(String.format(Locale.ROOT, "  no eligible provider: %d prompts quarantined", noEligible));
        byTenant.forEach((tenant, providers) -> lines.add("  tenant " + tenant + " went to: " + providers.entrySet()
                .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        lines.add(String.format(Locale.ROOT, "  fallbacks called after a failed call: %d, of which %d succeeded",
                fallbackCalls, fallbackSuccesses));
        return lines;
    }
}
