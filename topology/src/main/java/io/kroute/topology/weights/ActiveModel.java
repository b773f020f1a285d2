package io.kroute.topology.weights;

import io.kroute.inference.weights.WeightFile;
import java.util.Objects;

/**
 * A validated weight file ready to decide with: everything derived from it is built once, when it is
 * activated, never per record.
 *
 * @param origin where it came from: {@code shipped} or {@code topic}
 */
public record ActiveModel(WeightFile weights, String origin) {

    public ActiveModel {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(origin, "origin");
    }

    public String modelName() {
        return weights.modelName();
    }

    public String modelVersion() {
        return weights.modelVersion();
    }
}
