package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * Epsilon-greedy: with probability {@code eps} a uniformly random arm, otherwise the arm with the best mean.
 * With decay, {@code eps = epsilon / (1 + n / decayScale)} where {@code n} is the total evidence weight.
 * Propensity, exact: {@code eps / K + (1 - eps) / |best|} for a best arm, {@code eps / K} for the others.
 */
public final class EpsilonGreedy implements Policy {

    /**
     * @param epsilon exploration probability before decay, in [0, 1]
     * @param decayScale evidence weight at which epsilon has halved; 0 means no decay
     */
    public record Config(double epsilon, double decayScale) {
        public Config {
            if (!(epsilon >= 0 && epsilon <= 1)) {
                throw new IllegalArgumentException("epsilon: expected a number in [0, 1], found " + epsilon);
            }
            if (!(decayScale >= 0) || !Double.isFinite(decayScale)) {
                throw new IllegalArgumentException("decayScale: expected a finite number >= 0, found " + decayScale);
            }
        }
    }

    private final Config config;

    public EpsilonGreedy(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "epsilon-greedy";
    }

    /** The exploration probability after {@code totalWeight} of evidence. */
    public static double epsilon(Config config, double totalWeight) {
        return config.decayScale() == 0 ? config.epsilon()
                : config.epsilon() / (1 + totalWeight / config.decayScale());
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        int k = view.size();
        double eps = epsilon(config, view.totalWeight());
        double[] p = Policy.argmaxDistribution(expectations(view));
        for (int i = 0; i < k; i++) {
            p[i] = eps / k + (1 - eps) * p[i];
        }
        return p;
    }
}
