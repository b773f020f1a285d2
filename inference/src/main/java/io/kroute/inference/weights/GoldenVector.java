package io.kroute.inference.weights;

/** A text with the class probabilities scikit-learn gave it, replayed when the file is loaded. */
public record GoldenVector(String text, String label, double[] probabilities) {
}
