package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * Thompson sampling with a Beta posterior per arm: {@code Beta(priorAlpha + S, priorBeta + N - S)} where
 * {@code N} is the arm's (discounted) reward count and {@code S} its (discounted) reward sum.
 *
 * <ul>
 *   <li>{@link RewardModel#BERNOULLI}: the textbook Beta–Bernoulli model; rewards must be exactly 0 or 1.</li>
 *   <li>{@link RewardModel#FRACTIONAL}: rewards anywhere in [0, 1] update the Beta fractionally, alpha by {@code r}
 *       and beta by {@code 1 - r}. Deterministic and mergeable; the posterior is a little wider than the true
 *       uncertainty of the mean (a reward's variance is at most {@code mean * (1 - mean)}), so it explores a
 *       little more, never less, than needed.</li>
 *   <li>{@link RewardModel#VARIANCE_SCALED} (the default for rewards in [0, 1]): the fractional counts are
 *       multiplied by {@link ArmView#varianceRatio}, {@code rho = m(1 - m) / v} (at most
 *       {@link #MAX_VARIANCE_RATIO}), so the posterior has about the variance {@code v / n} of the mean of
 *       {@code n} rewards of observed variance {@code v}, instead of the coin-flip variance {@code m(1 - m) / n}.
 *       It needs only the count, sum and sum of squares, so it stays mergeable.</li>
 * </ul>
 *
 * <p>Given a state, Thompson sampling chooses arm {@code i} with probability {@code P(theta_i is the largest)}.
 * That probability has no closed form, so it is estimated by Monte Carlo from joint posterior draws. With
 * {@code M} draws an estimate has standard error {@code sqrt(p(1 - p) / M) <= 0.5 / sqrt(M)}: within ±0.0098 with
 * 95% confidence for any state at the default maximum of 10,000 draws. Draws stop earlier (after at least 2,000,
 * then in steps of 1,000) once {@code 1.96 sqrt(p(1 - p) / M)} of every arm's estimate is within that same bound,
 * which is what happens when one arm clearly leads. Choices are then drawn from the estimated probabilities, so
 * the logged propensity is exactly the probability the choice was made with, and every decision between two
 * state changes costs one uniform draw.
 */
public final class ThompsonSampling implements Policy {

    /** Which rewards the posterior takes. */
    public enum RewardModel {
        BERNOULLI,
        FRACTIONAL,
        VARIANCE_SCALED
    }

    /** Largest factor by which {@link RewardModel#VARIANCE_SCALED} sharpens an arm's posterior. */
    public static final double MAX_VARIANCE_RATIO = 10;

    /** Default maximum of Monte Carlo draws: ±0.0098 per probability with 95% confidence, whatever the state. */
    public static final int DEFAULT_PROPENSITY_SAMPLES = 10_000;

    /** Draws made before the estimate may stop early, and the step after that. */
    static final int MIN_SAMPLES = 2_000;
    static final int BATCH = 1_000;
    private static final double Z95 = 1.959964;

    public record Config(RewardModel rewardModel, int propensitySamples) {
        public Config {
            if (rewardModel == null) {
                throw new IllegalArgumentException("rewardModel: expected BERNOULLI or FRACTIONAL, found null");
            }
            if (propensitySamples < 100) {
                throw new IllegalArgumentException("propensitySamples: expected at least 100, found " + propensitySamples);
            }
        }

        /** The half-width of the 95% confidence interval of each estimated probability, at worst. */
        public double precision95() {
            return Z95 * 0.5 / Math.sqrt(propensitySamples);
        }
    }

    private final Config config;

    public ThompsonSampling(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return switch (config.rewardModel()) {
            case BERNOULLI -> "thompson-bernoulli";
            case FRACTIONAL -> "thompson-fractional";
            case VARIANCE_SCALED -> "thompson";
        };
    }

    @Override
    public boolean requiresBinaryRewards() {
        return config.rewardModel() == RewardModel.BERNOULLI;
    }

    /** The posterior Beta parameters of every arm: {@code [alpha[], beta[]]}. */
    public double[][] posterior(ArmView view) {
        int k = view.size();
        double[] alpha = new double[k];
        double[] beta = new double[k];
        for (int i = 0; i < k; i++) {
            double rho = config.rewardModel() == RewardModel.VARIANCE_SCALED
                    ? view.varianceRatio(i, MAX_VARIANCE_RATIO) : 1;
            alpha[i] = view.priorAlpha()[i] + rho * view.rewardSum()[i];
            beta[i] = view.priorBeta()[i] + rho * (view.weight()[i] - view.rewardSum()[i]);
        }
        return new double[][] {alpha, beta};
    }

    /** The largest 95% half-width {@code 1.96 sqrt(p(1 - p) / M)} over the arms' current estimates. */
    static double halfWidth95(long[] wins, int samples) {
        double worst = 0;
        for (long w : wins) {
            double p = (double) w / samples;
            worst = Math.max(worst, p * (1 - p));
        }
        return Z95 * Math.sqrt(worst / samples);
    }

    /** One Thompson draw: the index of the arm whose posterior sample is largest. */
    public static int sampleArgmax(double[] alpha, double[] beta, RandomGenerator random) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < alpha.length; i++) {
            double theta = BetaSampler.beta(alpha[i], beta[i], random);
            if (theta > bestValue) {
                bestValue = theta;
                best = i;
            }
        }
        return best;
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        return estimate(view, random).probabilities();
    }

    /** Estimated selection probabilities and the number of joint posterior draws they took. */
    public record Estimate(double[] probabilities, int draws) {
    }

    public Estimate estimate(ArmView view, RandomGenerator random) {
        int k = view.size();
        double[][] posterior = posterior(view);
        long[] wins = new long[k];
        int limit = config.propensitySamples();
        int minimum = Math.min(MIN_SAMPLES, limit);
        double target = config.precision95();
        int samples = 0;
        while (samples < limit) {
            int batch = Math.min(samples < minimum ? minimum : BATCH, limit - samples);
            for (int s = 0; s < batch; s++) {
                wins[sampleArgmax(posterior[0], posterior[1], random)]++;
            }
            samples += batch;
            if (halfWidth95(wins, samples) <= target) {
                break;
            }
        }
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = (double) wins[i] / samples;
        }
        return new Estimate(p, samples);
    }
}
