package io.kroute.inference.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The eligibility rules of a catalog compiled to provider sets ({@code long} masks, bit {@code i} for provider
 * {@code i}): which providers may serve a prompt of a class from a tenant, given its tokens. The rules that depend
 * on the class and tenant only (allow and deny lists, required tags) are one mask each, prepared here; the
 * context-window and cost rules become one input-token limit per provider, checked against the cheapest bound on
 * the prompt's tokens that settles it, so a short prompt is never tokenized. Immutable and thread-safe.
 */
public final class Eligibility {

    /** One provider a prompt may not go to, and why. */
    public record Exclusion(String provider, ExclusionRule rule, String detail) {
    }

    /** What the rules of one tenant or class decide before any token is counted. */
    private record Static(long mask, ExclusionRule[] rules, long[] costLimit, double maxCostUsd) {
    }

    private final ProviderCatalog catalog;
    private final Provider[] providers;
    private final TokenizerFamily[] families;
    private final long reserve;
    private final long[] windowLimit;
    private final Static anyTenant;
    private final Static anyClass;
    private final Map<String, Static> tenants = new HashMap<>();
    private final Map<String, Static> classes = new HashMap<>();

    public Eligibility(ProviderCatalog catalog) {
        this.catalog = catalog;
        this.providers = catalog.providers().toArray(new Provider[0]);
        this.families = new TokenizerFamily[providers.length];
        this.windowLimit = new long[providers.length];
        RoutingRules rules = catalog.rules();
        this.reserve = rules.outputReserveTokens();
        for (int i = 0; i < providers.length; i++) {
            families[i] = providers[i].tokenizer();
            long window = providers[i].contextWindow();
            windowLimit[i] = window == Provider.UNLIMITED ? Long.MAX_VALUE : window - reserve;
        }
        this.anyTenant = compile(null, null, Set.of(), null, rules.maxCostUsd());
        this.anyClass = compile(null, null, Set.of(), null, Double.POSITIVE_INFINITY);
        rules.tenants().forEach((tenant, rule) -> tenants.put(tenant, compile(rule.allow(), rule.deny(),
                rule.requiredTags(), ExclusionRule.TENANT_DENYLIST,
                Double.isNaN(rule.maxCostUsd()) ? rules.maxCostUsd() : rule.maxCostUsd())));
        rules.classes().forEach((label, rule) -> classes.put(label, compile(rule.allow(), rule.deny(), Set.of(),
                ExclusionRule.CLASS_DENYLIST, Double.POSITIVE_INFINITY)));
    }

    public ProviderCatalog catalog() {
        return catalog;
    }

    /** Every provider of the catalog. */
    public long all() {
        return providers.length == 64 ? -1L : (1L << providers.length) - 1;
    }

    /** The providers a prompt of class {@code label} from {@code tenant} may go to; 0 when none may. */
    public long eligible(String label, String tenant, PromptTokens tokens) {
        Static byTenant = tenants.getOrDefault(tenant, anyTenant);
        long mask = byTenant.mask & classes.getOrDefault(label, anyClass).mask;
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            if (exceeds(Math.min(windowLimit[i], byTenant.costLimit[i]), families[i], tokens)) {
                mask &= ~(1L << i);
            }
        }
        return mask;
    }

    /** The first rule that excludes provider {@code i} for this prompt, or null when it is eligible. */
    public ExclusionRule rule(int i, String label, String tenant, PromptTokens tokens) {
        Static byTenant = tenants.getOrDefault(tenant, anyTenant);
        if (byTenant.rules[i] != null) {
            return byTenant.rules[i];
        }
        ExclusionRule byClass = classes.getOrDefault(label, anyClass).rules[i];
        if (byClass != null) {
            return byClass;
        }
        if (exceeds(windowLimit[i], families[i], tokens)) {
            return ExclusionRule.CONTEXT_WINDOW;
        }
        return exceeds(byTenant.costLimit[i], families[i], tokens) ? ExclusionRule.MAX_COST : null;
    }

    /** Every provider outside {@code eligible}, with the first rule that excludes it and the numbers behind it. */
    public List<Exclusion> exclusions(String label, String tenant, PromptTokens tokens, long eligible) {
        List<Exclusion> out = new ArrayList<>();
        for (int i = 0; i < providers.length; i++) {
            if ((eligible & (1L << i)) == 0) {
                ExclusionRule rule = rule(i, label, tenant, tokens);
                out.add(new Exclusion(providers[i].name(), rule, detail(i, rule, label, tenant, tokens)));
            }
        }
        return out;
    }

    private String detail(int i, ExclusionRule rule, String label, String tenant, PromptTokens tokens) {
        Provider p = providers[i];
        return switch (rule) {
            case TENANT_REQUIRED_TAG -> "requires " + String.join(", ", new TreeSet<>(catalog.rules().tenants()
                    .get(tenant).requiredTags())) + ", has " + (p.tags().isEmpty() ? "no tags"
                    : String.join(", ", new TreeSet<>(p.tags())));
            case TENANT_DENYLIST, TENANT_ALLOWLIST -> "tenant '" + tenant + "'";
            case CLASS_DENYLIST, CLASS_ALLOWLIST -> "class '" + label + "'";
            case CONTEXT_WINDOW -> String.format(Locale.ROOT, "%d tokens (%s, %s) + %d reserved > window %d",
                    tokens.count(families[i]), families[i].key(), families[i].exact() ? "exact" : "estimated",
                    reserve, p.contextWindow());
            case MAX_COST -> String.format(Locale.ROOT, "estimated $%.6f (%d tokens in, %d reserved out) > max $%s",
                    p.cost(tokens.count(families[i]), reserve), tokens.count(families[i]), reserve,
                    tenants.getOrDefault(tenant, anyTenant).maxCostUsd);
        };
    }

    /** Whether the prompt's tokens in {@code family} exceed {@code limit} (negative: nothing fits). */
    private static boolean exceeds(long limit, TokenizerFamily family, PromptTokens tokens) {
        if (limit == Long.MAX_VALUE) {
            return false;
        }
        return limit < 0 || !tokens.surelyWithin(limit) && tokens.count(family) > limit;
    }

    /**
     * The providers the lists and tags allow, the first rule excluding each of the others, and the most input
     * tokens each may take under {@code maxCost}.
     */
    private Static compile(Set<String> allow, Set<String> deny, Set<String> requiredTags, ExclusionRule denyRule,
            double maxCost) {
        long mask = 0;
        ExclusionRule[] rules = new ExclusionRule[providers.length];
        long[] costLimit = new long[providers.length];
        for (int i = 0; i < providers.length; i++) {
            Provider p = providers[i];
            if (deny != null && deny.contains(p.name())) {
                rules[i] = denyRule;
            } else if (allow != null && !allow.contains(p.name())) {
                rules[i] = denyRule == ExclusionRule.TENANT_DENYLIST ? ExclusionRule.TENANT_ALLOWLIST
                        : ExclusionRule.CLASS_ALLOWLIST;
            } else if (!p.tags().containsAll(requiredTags)) {
                rules[i] = ExclusionRule.TENANT_REQUIRED_TAG;
            } else {
                mask |= 1L << i;
            }
            costLimit[i] = costLimit(p, maxCost);
        }
        return new Static(mask, rules, costLimit, maxCost);
    }

    /** The most input tokens {@code p} may take for the prompt to cost at most {@code maxCost}; -1 for none. */
    private long costLimit(Provider p, double maxCost) {
        if (Double.isInfinite(maxCost)) {
            return Long.MAX_VALUE;
        }
        double left = maxCost - p.cost(0, reserve);
        if (left < 0) {
            return -1;
        }
        if (p.inputPricePer1k() == 0) {
            return Long.MAX_VALUE;
        }
        double tokens = Math.floor(left * 1000 / p.inputPricePer1k());
        return tokens >= Long.MAX_VALUE ? Long.MAX_VALUE - 1 : (long) tokens;
    }
}
