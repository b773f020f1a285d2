package io.kroute.inference.bandit;

/**
 * Turns one call's outcome into a reward in [0, 1]:
 *
 * <pre>
 *   reward = success * (wS + wQ * quality + wL * L + wC * C) / (wS + wQ + wL + wC)
 *   L = latencyScale / (latencyScale + latency)      1 for an instant answer, 1/2 at latencyScale
 *   C = costScale / (costScale + cost)               1 for a free call, 1/2 at costScale
 * </pre>
 *
 * A failed call earns 0: its speed and price bought nothing. When the quality score is missing (NaN), its
 * weight is left out of both the numerator and the denominator.
 */
public final class RewardFunction {

    /**
     * @param success weight of a successful call on its own
     * @param quality weight of the quality score in [0, 1]
     * @param latency weight of the latency term
     * @param cost weight of the cost term
     * @param latencyScaleMs latency (ms) that earns half of the latency term
     * @param costScale cost (any currency unit, per call) that earns half of the cost term
     */
    public record Weights(double success, double quality, double latency, double cost, double latencyScaleMs,
            double costScale) {

        public static final Weights DEFAULT = new Weights(0.5, 0.2, 0.2, 0.1, 2000, 0.01);

        public Weights {
            requireNonNegative("success", success);
            requireNonNegative("quality", quality);
            requireNonNegative("latency", latency);
            requireNonNegative("cost", cost);
            if (!(success + quality + latency + cost > 0)) {
                throw new IllegalArgumentException("weights: expected at least one weight > 0, found all 0");
            }
            if (!(latencyScaleMs > 0) || !Double.isFinite(latencyScaleMs)) {
                throw new IllegalArgumentException("latencyScaleMs: expected a finite number > 0, found " + latencyScaleMs);
            }
            if (!(costScale > 0) || !Double.isFinite(costScale)) {
                throw new IllegalArgumentException("costScale: expected a finite number > 0, found " + costScale);
            }
        }

        private static void requireNonNegative(String name, double value) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " weight: expected a finite number >= 0, found " + value);
            }
        }
    }

    private final Weights weights;

    public RewardFunction(Weights weights) {
        this.weights = weights;
    }

    public Weights weights() {
        return weights;
    }

    /**
     * The reward of one call.
     *
     * @param quality a score in [0, 1], or NaN when none was given
     * @throws IllegalArgumentException for a negative or non-finite latency or cost, or a quality outside [0, 1]
     */
    public double reward(boolean success, double quality, double latencyMs, double cost) {
        if (!(latencyMs >= 0) || !Double.isFinite(latencyMs)) {
            throw new IllegalArgumentException("latencyMs: expected a finite number >= 0, found " + latencyMs);
        }
        if (!(cost >= 0) || !Double.isFinite(cost)) {
            throw new IllegalArgumentException("cost: expected a finite number >= 0, found " + cost);
        }
        boolean hasQuality = !Double.isNaN(quality);
        if (hasQuality && !(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality: expected a number in [0, 1] or none, found " + quality);
        }
        if (!success) {
            return 0;
        }
        double numerator = weights.success() + weights.latency() * latencyTerm(latencyMs) + weights.cost() * costTerm(cost);
        double denominator = weights.success() + weights.latency() + weights.cost();
        if (hasQuality) {
            numerator += weights.quality() * quality;
            denominator += weights.quality();
        }
        if (denominator == 0) {
            // Only the quality weight is set and no score came: success alone is all we know.
            return 1;
        }
        return Math.min(1, numerator / denominator);
    }

    public double latencyTerm(double latencyMs) {
        return weights.latencyScaleMs() / (weights.latencyScaleMs() + latencyMs);
    }

    public double costTerm(double cost) {
        return weights.costScale() / (weights.costScale() + cost);
    }
}
