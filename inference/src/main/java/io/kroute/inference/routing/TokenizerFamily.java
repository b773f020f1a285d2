package io.kroute.inference.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tokenizer a provider's model counts its context window and its price in. OpenAI's encodings are counted
 * exactly (jtokkit implements them); the other families are estimated from calibrated per-character-group rates
 * ({@link TokenEstimator}), measured against each family's real tokenizer in docs/routing.md.
 */
public enum TokenizerFamily {
    CL100K_BASE("cl100k_base", true),
    O200K_BASE("o200k_base", true),
    P50K_BASE("p50k_base", true),
    R50K_BASE("r50k_base", true),
    LLAMA3("llama3", false),
    LLAMA2("llama2", false),
    MISTRAL("mistral", false),
    CLAUDE("claude", false);

    private final String key;
    private final boolean exact;

    TokenizerFamily(String key, boolean exact) {
        this.key = key;
        this.exact = exact;
    }

    /** The name a catalog file uses. */
    public String key() {
        return key;
    }

    /** Whether counts for this family come from its real tokenizer rather than an estimate. */
    public boolean exact() {
        return exact;
    }

    /** The family named {@code key}, or an exception listing the known names. */
    public static TokenizerFamily fromKey(String key) {
        for (TokenizerFamily family : values()) {
            if (family.key.equals(key.toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        throw new IllegalArgumentException("expected one of " + keys() + ", found '" + key + "'");
    }

    static String keys() {
        return Arrays.stream(values()).map(TokenizerFamily::key).collect(Collectors.joining(", "));
    }
}
