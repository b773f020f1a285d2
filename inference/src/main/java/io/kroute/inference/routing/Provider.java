package io.kroute.inference.routing;

import java.util.Objects;
import java.util.Set;

/**
 * One provider of the catalog: a bandit arm with what the routing rules need to know about it.
 *
 * @param name the arm's name (in decisions, rewards and arm-state keys)
 * @param model the model the provider serves, for people and dispatch workers
 * @param contextWindow the context window in tokens (prompt and output together); {@link #UNLIMITED} for none
 * @param inputPricePer1k price in USD per 1,000 input tokens
 * @param outputPricePer1k price in USD per 1,000 output tokens
 * @param tags {@code key:value} tags, e.g. {@code region:eu}
 * @param tokenizer the family its tokens are counted in
 */
public record Provider(String name, String model, long contextWindow, double inputPricePer1k, double outputPricePer1k,
        Set<String> tags, TokenizerFamily tokenizer) {

    public static final long UNLIMITED = Long.MAX_VALUE;

    public Provider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        tags = Set.copyOf(tags);
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /** A provider known by name only (the {@code --providers} shortcut): no window, free, no tags. */
    public static Provider named(String name) {
        return new Provider(name, name, UNLIMITED, 0, 0, Set.of(), TokenizerFamily.CL100K_BASE);
    }

    /** The estimated cost in USD of {@code inputTokens} in and {@code outputTokens} out. */
    public double cost(long inputTokens, long outputTokens) {
        return inputTokens * inputPricePer1k / 1000 + outputTokens * outputPricePer1k / 1000;
    }
}
