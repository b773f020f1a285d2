package io.kroute.inference.classify;

import java.util.Arrays;

/**
 * The result of classifying one text: the most probable class and the probability of every class, in the
 * order of {@link TextClassifier#classes()}.
 */
public record Classification(int labelIndex, String label, double[] probabilities) {

    public double probability() {
        return probabilities[labelIndex];
    }

    /** Posterior entropy in nats: 0 when certain, ln(k) when uniform over k classes. */
    public double entropy() {
        double h = 0.0;
        for (double p : probabilities) {
            if (p > 0.0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Classification other && other.labelIndex == labelIndex && other.label.equals(label)
                && Arrays.equals(other.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * labelIndex + label.hashCode()) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Classification[" + label + ", " + Arrays.toString(probabilities) + "]";
    }
}
