package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.FeatureBaseline;
import io.kroute.inference.anomaly.PromptFeature;
import java.util.Iterator;
import java.util.Map;

/** Reads and validates the weight file's {@code anomaly} section into an {@link AnomalyModel}. */
final class AnomalySection {
    private AnomalySection() {
    }

    static AnomalyModel parse(JsonNode section) throws WeightFileException {
        JsonNode threshold = section.get("threshold");
        if (threshold == null || !threshold.isNumber() || !Double.isFinite(threshold.doubleValue())
                || threshold.doubleValue() <= 0) {
            throw new WeightFileException("anomaly", "anomaly.threshold: expected a positive finite number, found "
                    + (threshold == null ? "none" : threshold.isNumber() ? threshold.asText() : threshold.toString()));
        }
        JsonNode combine = section.get("combine");
        if (combine != null && !"max".equals(combine.asText())) {
            throw new WeightFileException("anomaly", "anomaly.combine: expected \"max\" (the largest directional "
                    + "z-score), found " + combine);
        }
        JsonNode features = section.get("features");
        if (features == null || !features.isObject()) {
            throw new WeightFileException("anomaly", "anomaly.features: expected an object of per-feature "
                    + "baselines, found " + (features == null ? "none" : features.getNodeType()));
        }
        FeatureBaseline[] baselines = new FeatureBaseline[PromptFeature.count()];
        Iterator<Map.Entry<String, JsonNode>> fields = features.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            PromptFeature feature = PromptFeature.fromKey(field.getKey());
            if (feature == null) {
                throw new WeightFileException("anomaly", "anomaly.features: expected only known features, found \""
                        + field.getKey() + "\"");
            }
            baselines[feature.ordinal()] = baseline("anomaly.features." + field.getKey(), field.getValue());
        }
        for (PromptFeature feature : PromptFeature.values()) {
            if (baselines[feature.ordinal()] == null) {
                throw new WeightFileException("anomaly", "anomaly.features: expected a baseline for every feature, "
                        + "found none for \"" + feature.key() + "\"");
            }
        }
        return new AnomalyModel(baselines, threshold.doubleValue());
    }

    private static FeatureBaseline baseline(String where, JsonNode node) throws WeightFileException {
        if (!node.isObject()) {
            throw new WeightFileException("anomaly", where + ": expected an object, found " + node.getNodeType());
        }
        FeatureBaseline.Transform transform = choice(where, node, "transform", FeatureBaseline.Transform.values());
        FeatureBaseline.Direction direction = choice(where, node, "direction", FeatureBaseline.Direction.values());
        FeatureBaseline.Method method = choice(where, node, "method", FeatureBaseline.Method.values());
        double mean = number(where, node, "mean");
        double std = number(where, node, "std");
        double median = number(where, node, "median");
        double mad = number(where, node, "mad");
        double floor = number(where, node, "scaleFloor");
        if (std < 0 || mad < 0 || floor <= 0) {
            throw new WeightFileException("anomaly", where + ": expected std >= 0, mad >= 0 and scaleFloor > 0, "
                    + "found std " + std + ", mad " + mad + ", scaleFloor " + floor);
        }
        return new FeatureBaseline(transform, direction, method, mean, std, median, mad, floor);
    }

    private static double number(String where, JsonNode node, String name) throws WeightFileException {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new WeightFileException("anomaly", where + "." + name + ": expected a finite number, found "
                    + (value == null ? "none" : value.isNumber() ? value.asText() : value.toString()));
        }
        return value.doubleValue();
    }

    private static <E extends Enum<E>> E choice(String where, JsonNode node, String name, E[] options)
            throws WeightFileException {
        JsonNode value = node.get(name);
        StringBuilder expected = new StringBuilder();
        for (E option : options) {
            String key = keyOf(option);
            if (value != null && value.isTextual() && value.textValue().equals(key)) {
                return option;
            }
            expected.append(expected.length() == 0 ? "" : ", ").append('"').append(key).append('"');
        }
        throw new WeightFileException("anomaly", where + "." + name + ": expected one of " + expected + ", found "
                + (value == null ? "none" : value.toString()));
    }

    private static String keyOf(Enum<?> option) {
        if (option instanceof FeatureBaseline.Transform t) {
            return t.key();
        }
        if (option instanceof FeatureBaseline.Direction d) {
            return d.key();
        }
        return ((FeatureBaseline.Method) option).key();
    }
}
