package io.kroute.inference.bandit;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A prepared selection distribution for one state: probabilities (after the exploration floor) and their
 * cumulative sums. Drawing is one uniform number and a scan, so it is cheap to reuse for many decisions.
 */
public final class ArmDistribution {

    private final List<String> arms;
    private final double[] probabilities;
    private final double[] cumulative;
    private final String policy;
    private final String scope;
    private final long stateVersion;

    private ArmDistribution(List<String> arms, double[] probabilities, String policy, String scope,
            long stateVersion) {
        this.arms = arms;
        this.probabilities = probabilities;
        this.policy = policy;
        this.scope = scope;
        this.stateVersion = stateVersion;
        this.cumulative = new double[probabilities.length];
        double running = 0;
        for (int i = 0; i < probabilities.length; i++) {
            running += probabilities[i];
            cumulative[i] = running;
        }
    }

    /**
     * Mixes the exploration floor into a policy's probabilities: {@code p' = (1 - K * floor) * p + floor}. A floor
     * above {@code 1 / K} is capped there (uniform choice).
     */
    public static ArmDistribution of(List<String> arms, double[] policyProbabilities, double floor, String policy,
            String scope, long stateVersion) {
        int k = arms.size();
        if (k == 0) {
            throw new IllegalStateException("no arms to choose from");
        }
        if (policyProbabilities.length != k) {
            throw new IllegalArgumentException(
                    "expected " + k + " probabilities, found " + policyProbabilities.length);
        }
        double total = 0;
        for (double p : policyProbabilities) {
            if (!(p >= 0) || !Double.isFinite(p)) {
                throw new IllegalArgumentException("probabilities: expected finite numbers >= 0, found " + p);
            }
            total += p;
        }
        if (Math.abs(total - 1) > 1e-6) {
            throw new IllegalArgumentException("probabilities: expected a sum of 1, found " + total);
        }
        double f = Math.min(floor, 1.0 / k);
        double scale = 1 - k * f;
        double[] mixed = new double[k];
        for (int i = 0; i < k; i++) {
            mixed[i] = scale * policyProbabilities[i] / total + f;
        }
        return new ArmDistribution(List.copyOf(arms), mixed, policy, scope, stateVersion);
    }

    /** Draws an arm; its propensity is its probability here. */
    public Choice sample(RandomGenerator random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int last = cumulative.length - 1;
        int i = 0;
        while (i < last && u >= cumulative[i]) {
            i++;
        }
        // Never return an arm of probability zero, whatever the rounding at the edges.
        while (probabilities[i] == 0) {
            i = i == 0 ? last : i - 1;
        }
        return new Choice(arms.get(i), i, probabilities[i], policy, scope, stateVersion);
    }

    public List<String> arms() {
        return arms;
    }

    public double probability(int index) {
        return probabilities[index];
    }

    /** The probability of {@code arm}, 0 for an arm not in the distribution. */
    public double probability(String arm) {
        int i = arms.indexOf(arm);
        return i < 0 ? 0 : probabilities[i];
    }

    public double[] probabilities() {
        return probabilities.clone();
    }

    public long stateVersion() {
        return stateVersion;
    }

    public String scope() {
        return scope;
    }
}
