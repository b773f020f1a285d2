package io.kroute.inference.bandit.ope;

/**
 * An estimated policy value with its standard error and a normal-approximation confidence interval
 * {@code value ± z * standardError}.
 */
public record Estimate(String estimator, double value, double standardError, double lower, double upper,
        double confidence, long samples) {

    public boolean covers(double truth) {
        return lower <= truth && truth <= upper;
    }
}
