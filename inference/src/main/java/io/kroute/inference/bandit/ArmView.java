package io.kroute.inference.bandit;

import java.util.List;

/**
 * Arm statistics flattened into arrays for the policies: index {@code i} is arm {@code arms.get(i)}. Read-only by
 * convention; policies never write to the arrays.
 *
 * @param quietTime clock units since the bandit's last detected change (or its first reward when none was
 *     detected); infinite when the evidence detects no changes
 */
public record ArmView(List<String> arms, double[] priorAlpha, double[] priorBeta, double[] weight,
        double[] rewardSum, double[] rewardSquareSum, double quietTime) {

    /** A view of evidence that detects no changes. */
    public ArmView(List<String> arms, double[] priorAlpha, double[] priorBeta, double[] weight, double[] rewardSum,
            double[] rewardSquareSum) {
        this(arms, priorAlpha, priorBeta, weight, rewardSum, rewardSquareSum, Double.POSITIVE_INFINITY);
    }

    public ArmView {
        if (!(quietTime >= 0)) {
            throw new IllegalArgumentException("quietTime: expected a number >= 0, found " + quietTime);
        }
        arms = List.copyOf(arms);
        int k = arms.size();
        if (priorAlpha.length != k || priorBeta.length != k || weight.length != k || rewardSum.length != k
                || rewardSquareSum.length != k) {
            throw new IllegalArgumentException("expected " + k + " values per array, found " + priorAlpha.length
                    + ", " + priorBeta.length + ", " + weight.length + ", " + rewardSum.length + ", "
                    + rewardSquareSum.length);
        }
    }

    public int size() {
        return arms.size();
    }

    /** Posterior alpha: prior pseudo-successes plus the (discounted) reward sum. */
    public double alpha(int i) {
        return priorAlpha[i] + rewardSum[i];
    }

    /** Posterior beta: prior pseudo-failures plus the (discounted) shortfall. */
    public double beta(int i) {
        return priorBeta[i] + weight[i] - rewardSum[i];
    }

    /** Evidence plus prior pseudo-counts. */
    public double effectiveCount(int i) {
        return priorAlpha[i] + priorBeta[i] + weight[i];
    }

    /** Mean reward with the prior as pseudo-counts (the posterior mean). */
    public double mean(int i) {
        return alpha(i) / effectiveCount(i);
    }

    /**
     * How many times more informative than a coin flip the arm's rewards are: {@code m(1 - m) / v}, the variance
     * a 0/1 reward of the same mean {@code m} would have over the rewards' observed variance {@code v}. Rewards in
     * [0, 1] never vary more than 0/1 rewards, so the ratio is at least 1. The observed variance is shrunk
     * towards {@code m(1 - m)} by one pseudo-observation, and the ratio is capped at {@code cap}, so a few
     * identical rewards cannot make the arm look certain.
     */
    public double varianceRatio(int i, double cap) {
        double n = weight[i];
        if (n <= 0) {
            return 1;
        }
        double m = rewardSum[i] / n;
        double bernoulli = m * (1 - m);
        if (!(bernoulli > 0)) {
            return 1;
        }
        double observed = Math.max(0, rewardSquareSum[i] / n - m * m);
        double shrunk = (n * observed + bernoulli) / (n + 1);
        return Math.max(1, Math.min(cap, bernoulli / shrunk));
    }

    /** Evidence over all arms, without pseudo-counts. */
    public double totalWeight() {
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        return total;
    }
}
