package io.kroute.inference.bandit;

import java.util.List;

/**
 * Arm statistics flattened into arrays for the policies: index {@code i} is arm {@code arms.get(i)}. Read-only by
 * convention; policies never write to the arrays.
 */
public record ArmView(List<String> arms, double[] priorAlpha, double[] priorBeta, double[] weight,
        double[] rewardSum) {

    public ArmView {
        arms = List.copyOf(arms);
        int k = arms.size();
        if (priorAlpha.length != k || priorBeta.length != k || weight.length != k || rewardSum.length != k) {
            throw new IllegalArgumentException("expected " + k + " values per array, found " + priorAlpha.length
                    + ", " + priorBeta.length + ", " + weight.length + ", " + rewardSum.length);
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

    /** Evidence over all arms, without pseudo-counts. */
    public double totalWeight() {
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        return total;
    }
}
