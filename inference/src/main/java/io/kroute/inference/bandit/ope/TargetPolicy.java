package io.kroute.inference.bandit.ope;

import java.util.Map;

/** The policy being evaluated offline: its probability of choosing each arm in a context. */
@FunctionalInterface
public interface TargetPolicy {

    /** Arm to probability; arms left out have probability 0. */
    Map<String, Double> distribution(String context);

    /** A fixed distribution per context, e.g. "always provider X for class Y". */
    static TargetPolicy fixed(Map<String, Map<String, Double>> byContext) {
        return context -> {
            Map<String, Double> d = byContext.get(context);
            if (d == null) {
                throw new IllegalArgumentException("target policy: no distribution for context '" + context
                        + "'; known contexts: " + byContext.keySet());
            }
            return d;
        };
    }
}
