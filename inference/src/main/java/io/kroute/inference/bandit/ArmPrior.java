package io.kroute.inference.bandit;

/**
 * Pseudo-counts an arm starts from: {@code alpha} pseudo-rewards of 1 and {@code beta} of 0, i.e. a
 * Beta(alpha, beta) prior on the arm's mean reward. They are never discounted, so an arm without recent
 * evidence drifts back to its prior rather than to certainty.
 */
public record ArmPrior(double alpha, double beta) {

    /** The uniform prior Beta(1, 1). */
    public static final ArmPrior UNIFORM = new ArmPrior(1, 1);

    public ArmPrior {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: expected a finite number > 0, found " + alpha);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta: expected a finite number > 0, found " + beta);
        }
    }

    public double mean() {
        return alpha / (alpha + beta);
    }
}
