package io.kroute.inference.bandit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.bandit.ope.TargetPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A candidate policy for off-policy evaluation in the simulator: for every class of a scenario, a fixed
 * probability per provider, {@code {"code": {"atlas": 0.5, "boreal": 0.5}, "chat": {"cirrus": 1}}}.
 */
public record FixedPolicy(Map<String, Map<String, Double>> byClass) {

    public FixedPolicy {
        byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
    }

    public TargetPolicy asTarget() {
        return TargetPolicy.fixed(byClass);
    }

    /** Reads and validates a policy against a scenario: every class, known providers, probabilities summing to 1. */
    public static FixedPolicy parse(JsonNode root, Scenario scenario) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("policy: expected an object of class -> provider -> probability, found "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        Map<String, Map<String, Double>> byClass = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (scenario.classes().stream().noneMatch(c -> c.name().equals(entry.getKey()))) {
                throw new IllegalArgumentException("policy." + entry.getKey() + ": unknown class; expected one of "
                        + scenario.classes().stream().map(Scenario.TrafficClass::name).toList());
            }
        }
        for (Scenario.TrafficClass trafficClass : scenario.classes()) {
            String path = "policy." + trafficClass.name();
            JsonNode node = root.get(trafficClass.name());
            if (node == null || !node.isObject() || node.isEmpty()) {
                throw new IllegalArgumentException(path + ": expected provider probabilities for class '"
                        + trafficClass.name() + "', found " + (node == null ? "nothing" : node.toString()));
            }
            Map<String, Double> distribution = new LinkedHashMap<>();
            double total = 0;
            for (Map.Entry<String, JsonNode> p : node.properties()) {
                if (scenario.providers().stream().noneMatch(provider -> provider.name().equals(p.getKey()))) {
                    throw new IllegalArgumentException(path + "." + p.getKey() + ": unknown provider; expected one of "
                            + scenario.providers().stream().map(Scenario.Provider::name).toList());
                }
                JsonNode value = p.getValue();
                if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
                    throw new IllegalArgumentException(path + "." + p.getKey()
                            + ": expected a probability in [0, 1], found " + value);
                }
                distribution.put(p.getKey(), value.doubleValue());
                total += value.doubleValue();
            }
            if (Math.abs(total - 1) > 1e-9) {
                throw new IllegalArgumentException(path + ": expected probabilities summing to 1, found " + total);
            }
            byClass.put(trafficClass.name(), distribution);
        }
        return new FixedPolicy(byClass);
    }
}
