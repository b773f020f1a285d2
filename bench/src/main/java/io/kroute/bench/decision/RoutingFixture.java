package io.kroute.bench.decision;

import io.kroute.inference.routing.Provider;
import io.kroute.inference.routing.ProviderCatalog;
import io.kroute.inference.routing.RoutingRules;
import io.kroute.inference.routing.TokenizerFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Eight providers in five tokenizer families with every routing rule on, for the decision benchmark: context
 * windows with an output reserve, a class denylist, a tenant that requires a tag, and a cost limit that always
 * excludes one provider. {@code all}: limits as deployed, which a 50-word prompt meets by its length alone (no
 * tokenizer runs); {@code all-counting}: every window shrunk to 256 tokens beyond the reserve, so every eligible
 * provider's family must be counted (two exact OpenAI encodings, three estimates) for every prompt.
 */
final class RoutingFixture {

    static final String TENANT = "eu-bank";

    private RoutingFixture() {
    }

    static ProviderCatalog catalog(String mode, String deniedClass) {
        boolean counting = switch (mode) {
            case "all" -> false;
            case "all-counting" -> true;
            default -> throw new IllegalArgumentException("rules: expected none, all or all-counting, found " + mode);
        };
        long reserve = 1024;
        List<Provider> providers = new ArrayList<>();
        providers.add(provider("atlas", 128_000, 0.00015, 0.0006, TokenizerFamily.O200K_BASE, counting,
                "region:us", "tier:standard"));
        providers.add(provider("boreal", 8_192, 0.0002, 0.0006, TokenizerFamily.MISTRAL, counting, "region:eu"));
        providers.add(provider("cirrus", 200_000, 0.003, 0.015, TokenizerFamily.CLAUDE, counting, "region:us",
                "tier:premium"));
        providers.add(provider("delta", 128_000, 0.0002, 0.0002, TokenizerFamily.LLAMA3, counting, "region:eu"));
        providers.add(provider("ember", 32_000, 0.0005, 0.0015, TokenizerFamily.CL100K_BASE, counting,
                "region:eu"));
        providers.add(provider("fjord", 8_192, 0.0001, 0.0001, TokenizerFamily.LLAMA2, counting, "region:eu"));
        providers.add(provider("glacier", 200_000, 0.015, 0.075, TokenizerFamily.CLAUDE, counting, "region:eu",
                "tier:premium"));
        providers.add(provider("harbor", 1_000_000, 0.00125, 0.01, TokenizerFamily.O200K_BASE, counting,
                "region:eu"));
        RoutingRules rules = new RoutingRules(reserve, 0.05,
                Map.of(deniedClass, new RoutingRules.ClassRule(null, Set.of("cirrus"))),
                Map.of(TENANT, new RoutingRules.TenantRule(null, Set.of(), Set.of("region:eu"), Double.NaN)));
        return new ProviderCatalog(providers, rules, "bench");
    }

    private static Provider provider(String name, long window, double in, double out, TokenizerFamily family,
            boolean counting, String... tags) {
        return new Provider(name, name, counting ? 1024 + 256 : window, in, out, Set.of(tags), family);
    }
}
