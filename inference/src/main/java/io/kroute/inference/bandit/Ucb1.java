package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * UCB1: the arm with the highest {@code mean_i + c * sqrt(ln N / n_i)}, where {@code n_i} is the arm's evidence plus
 * its prior pseudo-counts and {@code N} their sum (with discounting this is discounted UCB). The choice is
 * deterministic, ties split evenly; with an exploration floor the floor is mixed in, so propensities stay exact
 * and positive.
 */
public final class Ucb1 implements Policy {

    /** @param exploration the constant {@code c}; {@code sqrt(2)} is UCB1's */
    public record Config(double exploration) {
        public static final Config UCB1 = new Config(Math.sqrt(2));

        public Config {
            if (!(exploration >= 0) || !Double.isFinite(exploration)) {
                throw new IllegalArgumentException("exploration: expected a finite number >= 0, found " + exploration);
            }
        }
    }

    private final Config config;

    public Ucb1(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "ucb1";
    }

    public static double[] scores(ArmView view, double exploration) {
        int k = view.size();
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += view.effectiveCount(i);
        }
        double logTotal = Math.log(Math.max(total, 1.0));
        double[] scores = new double[k];
        for (int i = 0; i < k; i++) {
            scores[i] = view.mean(i) + exploration * Math.sqrt(logTotal / view.effectiveCount(i));
        }
        return scores;
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        return Policy.argmaxDistribution(scores(view, config.exploration()));
    }
}
