package io.kroute.inference.routing;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The providers kroute routes to, in a stable order (the arms' order), with the eligibility rules that restrict
 * them per prompt. Read from a file by {@link CatalogReader}, or made from bare names by {@link #ofNames}. At most
 * {@link #MAX_PROVIDERS} providers, so a set of them fits in one {@code long}. Immutable.
 *
 * @param source where the catalog came from (a file name), for error messages
 */
public record ProviderCatalog(List<Provider> providers, RoutingRules rules, String source) {

    public static final int MAX_PROVIDERS = 64;

    public ProviderCatalog {
        providers = List.copyOf(providers);
        if (providers.isEmpty() || providers.size() > MAX_PROVIDERS) {
            throw new CatalogException(source, "$.providers", "expected 1 to " + MAX_PROVIDERS
                    + " providers, found " + providers.size());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            Integer earlier = seen.put(providers.get(i).name(), i);
            if (earlier != null) {
                throw new CatalogException(source, "$.providers[" + i + "].name", "expected a name not used "
                        + "before, found '" + providers.get(i).name() + "' (also at $.providers[" + earlier + "])");
            }
        }
    }

    /** The {@code --providers} shortcut: the named providers, no limits, no rules. */
    public static ProviderCatalog ofNames(List<String> names) {
        return new ProviderCatalog(names.stream().map(Provider::named).toList(), RoutingRules.NONE, "--providers");
    }

    public List<String> names() {
        return providers.stream().map(Provider::name).toList();
    }

    public int size() {
        return providers.size();
    }

    /** The index of provider {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < providers.size(); i++) {
            if (providers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The tokenizer families the providers count in (what a {@link TokenEstimator} must load). */
    public Set<TokenizerFamily> families() {
        EnumSet<TokenizerFamily> families = EnumSet.noneOf(TokenizerFamily.class);
        providers.forEach(p -> families.add(p.tokenizer()));
        return families;
    }

    /** The same catalog with another output reserve and cost limit (command-line settings win over the file). */
    public ProviderCatalog withLimits(long outputReserveTokens, double maxCostUsd) {
        return new ProviderCatalog(providers, rules.with(outputReserveTokens, maxCostUsd), source);
    }

    /**
     * Refuses rules for a class the model does not know (a typo would otherwise silently never apply).
     *
     * @param classes the classes of the model routing starts with
     */
    public void checkClasses(Collection<String> classes) {
        for (String label : rules.classes().keySet()) {
            if (!classes.contains(label)) {
                throw new CatalogException(source, "$.rules.classes." + label, "expected a class of the model ("
                        + String.join(", ", classes) + "), found '" + label + "'");
            }
        }
    }
}
