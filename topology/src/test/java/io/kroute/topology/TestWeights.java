package io.kroute.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.anomaly.PromptFeature;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileFixture;
import io.kroute.inference.weights.WeightFileReader;

/** Weight files for the topology tests, built on the inference fixture (classes code, fruit, poetry). */
final class TestWeights {

    private TestWeights() {
    }

    /**
     * The fixture under model name {@code default}, with an anomaly filter that only looks at length: a prompt
     * of more than about 300 characters scores above the threshold of 4.
     */
    static ObjectNode tree(String modelVersion) {
        ObjectNode root = WeightFileFixture.validTree();
        root.put("modelName", "default");
        root.put("modelVersion", modelVersion);
        ObjectNode anomaly = (ObjectNode) root.get("anomaly");
        anomaly.put("threshold", 4.0);
        ObjectNode features = (ObjectNode) anomaly.get("features");
        for (PromptFeature feature : PromptFeature.values()) {
            ObjectNode b = (ObjectNode) features.get(feature.key());
            b.put("std", 1000.0);
            b.put("mad", 1000.0);
        }
        ObjectNode length = (ObjectNode) features.get(PromptFeature.LONGEST_CHAR_RUN.key());
        length.put("transform", "log1p");
        length.put("mean", Math.log1p(3));
        length.put("median", Math.log1p(3));
        length.put("std", 0.5);
        length.put("mad", 0.5 / 1.4826);
        return root;
    }

    static byte[] bytes(String modelVersion) {
        return WeightFileFixture.seal(tree(modelVersion));
    }

    static WeightFile file(String modelVersion) {
        try {
            return WeightFileReader.read(bytes(modelVersion));
        } catch (WeightFileException e) {
            throw new AssertionError(e);
        }
    }
}
