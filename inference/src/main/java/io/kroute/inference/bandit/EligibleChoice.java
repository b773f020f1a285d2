package io.kroute.inference.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A policy's selection distribution over a subset of the arms (the providers eligible for a prompt), prepared
 * once per state and subset. The policy is run on the subset as if it were the whole bandit, so every shipped
 * policy gives its own exact probabilities over the eligible arms: UCB1's bonus counts only their pulls, softmax
 * normalises over them, Thompson sampling estimates {@code P(theta_i is the largest among the eligible)} with its
 * usual Monte Carlo draws, and the exploration floor is spread over the eligible arms only. Arms outside the
 * subset have probability 0 and are never drawn. Immutable.
 *
 * @param distribution the selection distribution over the eligible arms, in their order in the full state
 * @param fullIndex for each eligible arm, its index in the full state
 * @param expectations the policy's estimate of each eligible arm's mean reward
 * @param ranking eligible arms by expectation, best first (ties keep the state's order)
 */
public record EligibleChoice(ArmDistribution distribution, int[] fullIndex, double[] expectations, int[] ranking) {

    /**
     * Prepares the choice among the arms of {@code view} whose bit is set in {@code eligible} (bit {@code i} for
     * arm {@code i}; at least one, at most 64 arms).
     */
    public static EligibleChoice prepare(Policy policy, ArmView view, long eligible, double floor, String scope,
            long stateVersion, RandomGenerator random) {
        ArmView subset = restrict(view, eligible);
        int[] fullIndex = indices(view.size(), eligible);
        ArmDistribution distribution = ArmDistribution.of(subset.arms(),
                policy.selectionProbabilities(subset, random), floor, policy.name(), scope, stateVersion);
        double[] expectations = policy.expectations(subset);
        return new EligibleChoice(distribution, fullIndex, expectations, ranking(expectations));
    }

    /** The view of the arms whose bit is set in {@code eligible}, in their order. */
    public static ArmView restrict(ArmView view, long eligible) {
        int[] keep = indices(view.size(), eligible);
        if (keep.length == 0) {
            throw new IllegalArgumentException("eligible arms: expected at least one of " + view.arms()
                    + ", found none");
        }
        List<String> arms = new ArrayList<>(keep.length);
        double[] alpha = new double[keep.length];
        double[] beta = new double[keep.length];
        double[] weight = new double[keep.length];
        double[] sum = new double[keep.length];
        double[] squares = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            int i = keep[j];
            arms.add(view.arms().get(i));
            alpha[j] = view.priorAlpha()[i];
            beta[j] = view.priorBeta()[i];
            weight[j] = view.weight()[i];
            sum[j] = view.rewardSum()[i];
            squares[j] = view.rewardSquareSum()[i];
        }
        // The bandit's quiet time (since its last detected change) is the bandit's, whichever arms are eligible.
        return new ArmView(arms, alpha, beta, weight, sum, squares, view.quietTime());
    }

    /** The eligible arm with the best expectation (the first of equals), as an index into the subset. */
    public int best() {
        return ranking[0];
    }

    private static int[] indices(int size, long eligible) {
        if (size > 64) {
            throw new IllegalArgumentException("eligible arms: expected at most 64 arms, found " + size);
        }
        long mask = size == 64 ? eligible : eligible & ((1L << size) - 1);
        int[] out = new int[Long.bitCount(mask)];
        int j = 0;
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            out[j++] = Long.numberOfTrailingZeros(rest);
        }
        return out;
    }

    private static int[] ranking(double[] expectations) {
        Integer[] order = new Integer[expectations.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable sort: equal expectations keep the state's order, so the ranking is deterministic.
        java.util.Arrays.sort(order, (a, b) -> Double.compare(expectations[b], expectations[a]));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
