package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.classify.TextClassifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated weight file: the classifier it describes plus its provenance. Only files whose golden
 * vectors reproduce are ever constructed, so holding one means the classifier is known good.
 *
 * @param sections optional top-level sections ({@code anomaly}, {@code bandit}, ...) as read, for the
 *     components that own them
 */
public record WeightFile(
        int formatVersion,
        String modelName,
        String modelVersion,
        Instant createdAt,
        String checksum,
        long sizeBytes,
        TextClassifier classifier,
        List<GoldenVector> goldenVectors,
        double goldenTolerance,
        JsonNode training,
        JsonNode quality,
        Map<String, JsonNode> sections) {

    public Optional<JsonNode> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    public int vocabularySize() {
        return classifier.vectorizer().featureCount();
    }
}
