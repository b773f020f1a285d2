package io.kroute.topology.weights;

import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.weights.WeightFile;
import java.util.Objects;

/**
 * A validated weight file ready to decide with: everything derived from it is built once, when it is
 * activated, never per record.
 *
 * @param origin where it came from: {@code shipped} or {@code topic}
 */
public record ActiveModel(WeightFile weights, BanditPriors priors, String origin) {

    public ActiveModel {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(priors, "priors");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Prepares a validated weight file for deciding.
     *
     * @throws IllegalArgumentException when its {@code bandit} section cannot be read
     */
    public static ActiveModel of(WeightFile weights, String origin) {
        BanditPriors priors = weights.section("bandit").map(BanditPriors::fromJson).orElse(BanditPriors.none());
        return new ActiveModel(weights, priors, origin);
    }

    public String modelName() {
        return weights.modelName();
    }

    public String modelVersion() {
        return weights.modelVersion();
    }
}
