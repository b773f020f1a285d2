package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/** Draws from Gamma and Beta distributions (Marsaglia and Tsang's method for Gamma). */
public final class BetaSampler {

    private BetaSampler() {
    }

    /** A draw from Gamma(shape, 1); {@code shape > 0}. */
    public static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) * U^(1/a) keeps the squeeze method valid for small shapes.
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A draw from Beta(alpha, beta); both {@code > 0}. */
    public static double beta(double alpha, double beta, RandomGenerator random) {
        double x = gamma(alpha, random);
        double y = gamma(beta, random);
        double total = x + y;
        if (total == 0) {
            // Both draws underflowed (tiny shapes): the mass sits at the ends, in proportion to the means.
            return random.nextDouble() < alpha / (alpha + beta) ? 1 : 0;
        }
        return x / total;
    }
}
