package io.kroute.inference.classify;

import java.util.Arrays;

/**
 * The result of classifying one text: the most probable class, the probability of every class, in the order of
 * {@link TextClassifier#classes()}, and the posterior entropy in nats (0 when certain, ln(k) when uniform over k
 * classes).
 */
public record Classification(int labelIndex, String label, double[] probabilities, double entropy) {

    /** A classification whose entropy is computed from the probabilities. */
    public Classification(int labelIndex, String label, double[] probabilities) {
        this(labelIndex, label, probabilities, entropyOf(probabilities));
    }

    public double probability() {
        return probabilities[labelIndex];
    }

    /** {@code -sum p ln p} over the positive probabilities. */
    public static double entropyOf(double[] probabilities) {
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
                && Arrays.equals(other.probabilities, probabilities)
                && Double.compare(other.entropy, entropy) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * labelIndex + label.hashCode()) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Classification[" + label + ", " + Arrays.toString(probabilities) + ", entropy " + entropy + "]";
    }
}
