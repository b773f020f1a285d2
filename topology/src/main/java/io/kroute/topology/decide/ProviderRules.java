package io.kroute.topology.decide;

import io.kroute.inference.routing.Eligibility;
import io.kroute.inference.routing.ExclusionRule;
import io.kroute.inference.routing.PromptTokens;
import io.kroute.inference.routing.TokenEstimator;
import io.kroute.schemas.ProviderExclusion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The eligibility rules as one decide task applies them: the providers a prompt may go to, and the exclusions a
 * decision or quarantine record names. The prompt's token counts are kept between the two calls and reused for
 * the next prompt, and the exclusions a decision carries (provider and rule, no numbers) are built once, so the
 * rules allocate nothing for a prompt every provider may serve and one list otherwise. One instance per task;
 * not thread-safe.
 */
public final class ProviderRules {

    private final Eligibility eligibility;
    private final PromptTokens tokens;
    private final long all;
    /** [provider][rule]: the exclusion a decision carries, without details. */
    private final ProviderExclusion[][] exclusions;

    public ProviderRules(Eligibility eligibility, TokenEstimator estimator) {
        this.eligibility = Objects.requireNonNull(eligibility, "eligibility");
        this.tokens = new PromptTokens(estimator);
        this.all = eligibility.all();
        List<String> names = eligibility.catalog().names();
        this.exclusions = new ProviderExclusion[names.size()][ExclusionRule.values().length];
        for (int i = 0; i < names.size(); i++) {
            for (ExclusionRule rule : ExclusionRule.values()) {
                exclusions[i][rule.ordinal()] = ProviderExclusion.newBuilder().setProvider(names.get(i))
                        .setRule(rule.key()).setDetail(null).build();
            }
        }
    }

    /** Every provider of the catalog, as a mask. */
    public long all() {
        return all;
    }

    /** The providers a prompt may go to (0 for none); the prompt stays current for the exclusion calls below. */
    public long eligible(String label, String tenant, String text) {
        return eligibility.eligible(label, tenant, tokens.reset(text));
    }

    /** The providers outside {@code eligible} with the rule that excluded each, for the current prompt's decision. */
    public List<ProviderExclusion> decisionExclusions(String label, String tenant, long eligible) {
        if (eligible == all) {
            return List.of();
        }
        List<ProviderExclusion> out = new ArrayList<>(Long.bitCount(all & ~eligible));
        for (long rest = all & ~eligible; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            out.add(exclusions[i][eligibility.rule(i, label, tenant, tokens).ordinal()]);
        }
        return out;
    }

    /** Every provider with its rule and the numbers behind it, for the current prompt's quarantine record. */
    public List<ProviderExclusion> quarantineExclusions(String label, String tenant) {
        List<ProviderExclusion> out = new ArrayList<>();
        for (Eligibility.Exclusion e : eligibility.exclusions(label, tenant, tokens, 0)) {
            out.add(ProviderExclusion.newBuilder().setProvider(e.provider()).setRule(e.rule().key())
                    .setDetail(e.detail()).build());
        }
        return out;
    }
}
