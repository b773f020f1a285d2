package io.kroute.inference.routing;

import java.util.Map;
import java.util.Set;

/**
 * The eligibility rules of a catalog, by name; {@link Eligibility} compiles them to provider masks.
 *
 * @param outputReserveTokens tokens kept free in every context window for the answer, and priced as output
 * @param maxCostUsd the most a prompt may cost (input plus the reserved output); infinite for no limit
 * @param classes allow and deny lists per prompt class
 * @param tenants allow and deny lists, required tags and a cost limit per tenant
 */
public record RoutingRules(long outputReserveTokens, double maxCostUsd, Map<String, ClassRule> classes,
        Map<String, TenantRule> tenants) {

    public static final RoutingRules NONE = new RoutingRules(0, Double.POSITIVE_INFINITY, Map.of(), Map.of());

    public RoutingRules {
        classes = Map.copyOf(classes);
        tenants = Map.copyOf(tenants);
    }

    /**
     * @param allow the providers the class may use; null for all
     * @param deny the providers the class may not use
     */
    public record ClassRule(Set<String> allow, Set<String> deny) {
        public ClassRule {
            allow = allow == null ? null : Set.copyOf(allow);
            deny = Set.copyOf(deny);
        }
    }

    /**
     * @param allow the providers the tenant may use; null for all
     * @param deny the providers the tenant may not use
     * @param requiredTags tags every provider of the tenant must carry
     * @param maxCostUsd the tenant's cost limit, replacing the global one; NaN to keep the global one
     */
    public record TenantRule(Set<String> allow, Set<String> deny, Set<String> requiredTags, double maxCostUsd) {
        public TenantRule {
            allow = allow == null ? null : Set.copyOf(allow);
            deny = Set.copyOf(deny);
            requiredTags = Set.copyOf(requiredTags);
        }
    }

    /** The same rules with another output reserve and cost limit (command-line settings win over the file). */
    public RoutingRules with(long reserve, double maxCost) {
        return new RoutingRules(reserve, maxCost, classes, tenants);
    }
}
