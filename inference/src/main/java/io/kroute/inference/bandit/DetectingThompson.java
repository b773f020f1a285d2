package io.kroute.inference.bandit;

import java.util.random.RandomGenerator;

/**
 * Thompson sampling over the evidence since each arm's last detected change ({@link ChangeDetectingEvidence}),
 * with a bounded share of forced exploration that decays while nothing changes.
 *
 * <p>The posterior of every arm is the variance-scaled Beta of {@link ThompsonSampling}; the probability that an
 * arm's draw is the largest is computed for normal posteriors of the same means and variances by deterministic
 * quadrature ({@link NormalMaximum}), in tens of microseconds for 8 arms. The distribution decisions are drawn
 * from is then {@code (1 - gamma) p_i + gamma / K}, with
 * {@code gamma = minExploration + (maxExploration - minExploration) 2^(-quiet / explorationHalfLife)} and
 * {@code quiet} the clock units since the bandit last detected a change in any arm (or since its first reward).
 * So the logged propensity includes the forced exploration exactly; it is at most {@code maxExploration} of the
 * traffic right after a change and falls to {@code minExploration} when nothing changes. The forced share keeps
 * rewards coming from arms the policy no longer chooses, so their detectors can notice when they improve.
 */
public final class DetectingThompson implements Policy {

    /**
     * @param maxExploration share of decisions spread uniformly over the arms right after a detected change
     * @param minExploration the share when nothing has changed for long
     * @param explorationHalfLife clock units over which the share above the minimum halves
     */
    public record Config(double maxExploration, double minExploration, double explorationHalfLife) {
        public Config {
            if (!(minExploration >= 0 && minExploration <= maxExploration && maxExploration < 1)) {
                throw new IllegalArgumentException("exploration: expected 0 <= minExploration <= maxExploration < 1,"
                        + " found " + minExploration + " and " + maxExploration);
            }
            if (!(explorationHalfLife > 0) || !Double.isFinite(explorationHalfLife)) {
                throw new IllegalArgumentException("explorationHalfLife: expected a finite number > 0, found "
                        + explorationHalfLife);
            }
        }

        /** The forced exploration share after {@code quiet} clock units without a detected change. */
        public double exploration(double quiet) {
            if (!(quiet < Double.POSITIVE_INFINITY)) {
                return minExploration;
            }
            return minExploration + (maxExploration - minExploration) * Math.pow(2, -quiet / explorationHalfLife);
        }
    }

    private static final ThompsonSampling SCALED = new ThompsonSampling(new ThompsonSampling.Config(
            ThompsonSampling.RewardModel.VARIANCE_SCALED, ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES));

    private final Config config;

    public DetectingThompson(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "thompson-detect";
    }

    /** Probability that each arm's posterior draw is the largest, before forced exploration. */
    public static double[] thompsonProbabilities(ArmView view) {
        double[][] posterior = SCALED.posterior(view);
        int k = view.size();
        double[] mean = new double[k];
        double[] sd = new double[k];
        for (int i = 0; i < k; i++) {
            double a = posterior[0][i];
            double b = posterior[1][i];
            double total = a + b;
            mean[i] = a / total;
            sd[i] = Math.sqrt(a * b / (total * total * (total + 1)));
        }
        return NormalMaximum.probabilities(mean, sd);
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        double[] p = thompsonProbabilities(view);
        int k = p.length;
        double gamma = config.exploration(view.quietTime());
        for (int i = 0; i < k; i++) {
            p[i] = (1 - gamma) * p[i] + gamma / k;
        }
        return p;
    }
}
