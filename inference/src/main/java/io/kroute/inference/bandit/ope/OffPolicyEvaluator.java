package io.kroute.inference.bandit.ope;

import java.util.List;
import java.util.Map;

/**
 * Estimates what a target policy would have earned, from decisions logged under another policy with their
 * propensities. With {@code w_i = pi(a_i | x_i) / p_i}, {@code r_i} the reward and {@code q} a reward model:
 *
 * <pre>
 *   IPS   = mean(w_i * r_i)
 *   SNIPS = sum(w_i * r_i) / sum(w_i)
 *   DR    = mean(sum_a pi(a | x_i) * q(x_i, a) + w_i * (r_i - q(x_i, a_i)))
 * </pre>
 *
 * Confidence intervals use the normal approximation: the standard error of a mean of per-decision terms for IPS
 * and DR, and the delta method for SNIPS ({@code sqrt(sum(w_i^2 (r_i - SNIPS)^2)) / sum(w_i)}). They assume the
 * logged propensities are the true ones, which kroute's policies guarantee by drawing from exactly the
 * distribution they log.
 */
public final class OffPolicyEvaluator {

    /** The three estimates for one target policy. */
    public record Result(Estimate ips, Estimate selfNormalizedIps, Estimate doublyRobust, double meanWeight,
            double maxWeight) {
    }

    private final double confidence;
    private final double z;

    /** @param confidence two-sided confidence level of the intervals, in (0, 1), e.g. 0.95 */
    public OffPolicyEvaluator(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence: expected a number in (0, 1), found " + confidence);
        }
        this.confidence = confidence;
        this.z = NormalQuantile.of(0.5 + confidence / 2);
    }

    public Result evaluate(List<LoggedDecision> log, TargetPolicy target, RewardModel model) {
        int n = log.size();
        if (n < 2) {
            throw new IllegalArgumentException("log: expected at least 2 decisions, found " + n);
        }
        double[] ipsTerms = new double[n];
        double[] drTerms = new double[n];
        double[] weights = new double[n];
        double weightSum = 0;
        double weightedRewardSum = 0;
        double maxWeight = 0;
        for (int i = 0; i < n; i++) {
            LoggedDecision d = log.get(i);
            Map<String, Double> pi = target.distribution(d.context());
            double w = pi.getOrDefault(d.arm(), 0.0) / d.propensity();
            double direct = 0;
            for (Map.Entry<String, Double> e : pi.entrySet()) {
                direct += e.getValue() * model.predict(d.context(), e.getKey());
            }
            weights[i] = w;
            ipsTerms[i] = w * d.reward();
            drTerms[i] = direct + w * (d.reward() - model.predict(d.context(), d.arm()));
            weightSum += w;
            weightedRewardSum += w * d.reward();
            maxWeight = Math.max(maxWeight, w);
        }
        Estimate ips = meanEstimate("ips", ipsTerms);
        Estimate dr = meanEstimate("doubly-robust", drTerms);
        Estimate snips;
        if (weightSum == 0) {
            snips = new Estimate("self-normalized-ips", Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence, n);
        } else {
            double value = weightedRewardSum / weightSum;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double residual = weights[i] * (log.get(i).reward() - value);
                squares += residual * residual;
            }
            double se = Math.sqrt(squares) / weightSum;
            snips = new Estimate("self-normalized-ips", value, se, value - z * se, value + z * se, confidence, n);
        }
        return new Result(ips, snips, dr, weightSum / n, maxWeight);
    }

    private Estimate meanEstimate(String name, double[] terms) {
        int n = terms.length;
        double mean = 0;
        for (double t : terms) {
            mean += t;
        }
        mean /= n;
        double squares = 0;
        for (double t : terms) {
            squares += (t - mean) * (t - mean);
        }
        double se = Math.sqrt(squares / (n - 1) / n);
        return new Estimate(name, mean, se, mean - z * se, mean + z * se, confidence, n);
    }
}
