package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * Softmax (Boltzmann) exploration: arm {@code i} with probability proportional to {@code exp(mean_i / temperature)}.
 * Exact propensity; computed with the maximum subtracted so large ratios do not overflow.
 */
public final class Softmax implements Policy {

    /** @param temperature in reward units (rewards are in [0, 1]); lower is greedier */
    public record Config(double temperature) {
        public Config {
            if (!(temperature > 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("temperature: expected a finite number > 0, found " + temperature);
            }
        }
    }

    private final Config config;

    public Softmax(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "softmax";
    }

    public static double[] probabilities(double[] means, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : means) {
            max = Math.max(max, m);
        }
        double[] p = new double[means.length];
        double total = 0;
        for (int i = 0; i < means.length; i++) {
            p[i] = Math.exp((means[i] - max) / temperature);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        return probabilities(expectations(view), config.temperature());
    }
}
