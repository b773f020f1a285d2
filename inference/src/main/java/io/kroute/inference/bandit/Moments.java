package io.kroute.inference.bandit;

/**
 * Arm statistics at one moment: the (effective) number of rewards, their sum and their sum of squares.
 * With discounting, {@code weight} is fractional: each reward counts {@code 2^(-age / halfLife)}.
 */
public record Moments(double weight, double rewardSum, double rewardSquareSum) {

    public static final Moments NONE = new Moments(0, 0, 0);

    public Moments {
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight: expected a finite number >= 0, found " + weight);
        }
        if (!(rewardSum >= 0) || !Double.isFinite(rewardSum)) {
            throw new IllegalArgumentException("rewardSum: expected a finite number >= 0, found " + rewardSum);
        }
        if (!(rewardSquareSum >= 0) || !Double.isFinite(rewardSquareSum)) {
            throw new IllegalArgumentException(
                    "rewardSquareSum: expected a finite number >= 0, found " + rewardSquareSum);
        }
    }

    /** Mean reward, or {@code NaN} when there is no evidence. */
    public double mean() {
        return weight > 0 ? rewardSum / weight : Double.NaN;
    }

    Moments plus(Moments other) {
        return new Moments(weight + other.weight, rewardSum + other.rewardSum, rewardSquareSum + other.rewardSquareSum);
    }

    Moments scaled(double factor) {
        return new Moments(weight * factor, rewardSum * factor, rewardSquareSum * factor);
    }
}
