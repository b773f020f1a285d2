package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * A bandit policy: given the arms' statistics, the probability with which it chooses each arm. Every policy
 * here is a fixed distribution over arms for a given state, so choosing is one draw from that distribution and
 * the chosen arm's propensity is its probability in it.
 */
public interface Policy {

    /** The name decisions are logged with. */
    String name();

    /**
     * Probability of choosing each arm (index-aligned with {@code view}), summing to 1. Exact where a closed form
     * exists; policies that estimate use {@code random}.
     */
    double[] selectionProbabilities(ArmView view, RandomGenerator random);

    /** The policy's estimate of each arm's mean reward. */
    default double[] expectations(ArmView view) {
        double[] means = new double[view.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = view.mean(i);
        }
        return means;
    }

    /** Whether rewards must be exactly 0 or 1. */
    default boolean requiresBinaryRewards() {
        return false;
    }

    /** Uniform probabilities over the arms that share the maximum score (ties split evenly). */
    static double[] argmaxDistribution(double[] scores) {
        double best = Double.NEGATIVE_INFINITY;
        int ties = 0;
        for (double s : scores) {
            if (s > best) {
                best = s;
                ties = 1;
            } else if (s == best) {
                ties++;
            }
        }
        double[] p = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] == best) {
                p[i] = 1.0 / ties;
            }
        }
        return p;
    }
}
