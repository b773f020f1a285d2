package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.classify.TextClassifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated weight file: the classifier it describes plus its provenance. Only files whose golden
 * vectors reproduce are ever constructed, so holding one means the classifier is known good.
 *
 * @param anomalyModel the anomaly filter from the {@code anomaly} section, or null when the file has none
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
        AnomalyModel anomalyModel,
        Map<String, JsonNode> sections) {

    /** The anomaly filter's baselines, when the file carries them. */
    public Optional<AnomalyModel> anomaly() {
        return Optional.ofNullable(anomalyModel);
    }

    /**
     * The classifier together with the anomaly filter; refused for a file without anomaly baselines, which
     * can classify but cannot guard the providers.
     */
    public PromptAnalyzer analyzer() throws WeightFileException {
        if (anomalyModel == null) {
            throw new WeightFileException("anomaly", "expected an anomaly section with the anomaly filter's "
                    + "baselines, found none (retrain with trainer/train.py, which computes them)");
        }
        return new PromptAnalyzer(classifier, anomalyModel);
    }

    public Optional<JsonNode> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    public int vocabularySize() {
        return classifier.vectorizer().featureCount();
    }
}
