package io.kroute.inference.bandit;

/**
 * One decision: the chosen arm, the probability it was chosen with (its propensity), and which state and scope
 * produced it.
 *
 * @param scope the context whose statistics were used: the class, or {@link ContextualBandit#GLOBAL} on fallback
 * @param stateVersion version of the state the decision was made from
 */
public record Choice(String arm, int index, double propensity, String policy, String scope, long stateVersion) {
}
