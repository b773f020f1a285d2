package io.kroute.topology.weights;

import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.weights.WeightFile;
import java.util.Objects;

/**
 * A validated weight file ready to decide with: everything derived from it is built once, when it is
 * activated, never per record.
 *
 * @param analyzer classifier and anomaly filter in one pass; null when the file has no {@code anomaly} section
 * @param priors the bandit priors of its {@code bandit} section (none when it has none)
 * @param origin where it came from: {@code shipped} or {@code topic}
 */
public record ActiveModel(WeightFile weights, PromptAnalyzer analyzer, BanditPriors priors, String origin) {

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
        PromptAnalyzer analyzer = weights.anomaly()
                .map(anomaly -> new PromptAnalyzer(weights.classifier(), anomaly)).orElse(null);
        return new ActiveModel(weights, analyzer, priors, origin);
    }

    public String modelName() {
        return weights.modelName();
    }

    public String modelVersion() {
        return weights.modelVersion();
    }
}
