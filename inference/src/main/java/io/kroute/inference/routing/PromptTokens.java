package io.kroute.inference.routing;

import java.util.Arrays;
import java.util.Objects;

/**
 * The token counts of one prompt, computed only as far as a rule needs them: first the bound from the text's
 * length, then the bound from its UTF-8 length, then the count per tokenizer family (each at most once per
 * prompt). Reused from prompt to prompt by one task ({@link #reset}), so the rules allocate nothing. Not
 * thread-safe.
 */
public final class PromptTokens {

    private static final int UNKNOWN = -1;

    private final TokenEstimator estimator;
    private final int[] counts = new int[TokenizerFamily.values().length];
    private String text = "";
    private int utf8Length = UNKNOWN;

    public PromptTokens(TokenEstimator estimator) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        Arrays.fill(counts, UNKNOWN);
    }

    /** Starts on a new prompt. */
    public PromptTokens reset(String prompt) {
        this.text = Objects.requireNonNull(prompt, "prompt");
        this.utf8Length = UNKNOWN;
        Arrays.fill(counts, UNKNOWN);
        return this;
    }

    public String text() {
        return text;
    }

    /** Whether the prompt surely has at most {@code limit} tokens in every family, without counting them. */
    public boolean surelyWithin(long limit) {
        if (TokenEstimator.quickUpperBound(text.length()) <= limit) {
            return true;
        }
        if (utf8Length == UNKNOWN) {
            utf8Length = TokenEstimator.utf8Length(text);
        }
        return TokenEstimator.upperBound(utf8Length) <= limit;
    }

    /** The prompt's token count in {@code family}: exact or estimated, as the family allows. */
    public int count(TokenizerFamily family) {
        int i = family.ordinal();
        if (counts[i] == UNKNOWN) {
            counts[i] = estimator.count(family, text);
        }
        return counts[i];
    }

    /** The count of {@code family} if some rule already needed it, else -1. */
    public int countIfKnown(TokenizerFamily family) {
        return counts[family.ordinal()];
    }
}
