package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * CUSUM-UCB (Liu, Lee and Shroff, AAAI 2018): UCB over the rewards since each arm's last CUSUM alarm
 * ({@link CusumEvidence}), and with probability {@code alpha} a uniformly random arm (its forced exploration).
 * Propensity, exact: {@code alpha / K + (1 - alpha) / |B|} for the arms {@code B} with the highest index,
 * {@code alpha / K} for the others.
 */
public final class CusumUcb implements Policy {

    /**
     * @param alpha share of decisions spread uniformly over the arms
     * @param exploration UCB's constant {@code c} in {@code mean + c sqrt(ln n / n_i)}
     */
    public record Config(double alpha, double exploration) {
        public Config {
            if (!(alpha >= 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha: expected a number in [0, 1), found " + alpha);
            }
            if (!(exploration >= 0) || !Double.isFinite(exploration)) {
                throw new IllegalArgumentException("exploration: expected a finite number >= 0, found " + exploration);
            }
        }
    }

    private final Config config;

    public CusumUcb(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "cusum-ucb";
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        double[] p = Policy.argmaxDistribution(Ucb1.scores(view, config.exploration()));
        int k = p.length;
        for (int i = 0; i < k; i++) {
            p[i] = config.alpha() / k + (1 - config.alpha()) * p[i];
        }
        return p;
    }
}
