package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.ClassBaseline;
import io.kroute.inference.anomaly.FeatureBaseline;
import io.kroute.inference.anomaly.PromptFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and validates the weight file's {@code anomaly} section into an {@link AnomalyModel}. */
final class AnomalySection {
    /** Features of earlier files that no feature replaces under the same key. */
    private static final Set<String> RETIRED_FEATURES = Set.of("charCount", "tokenCount", "nonAsciiShare",
            "charEntropy", "symbolShare");

    private AnomalySection() {
    }

    /** Parses the section for a classifier of these classes (in its order), which class baselines must match. */
    static AnomalyModel parse(JsonNode section, List<String> classes) throws WeightFileException {
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
            if (feature == null && RETIRED_FEATURES.contains(field.getKey())) {
                throw new WeightFileException("anomaly", "anomaly.features: expected the current features, found \""
                        + field.getKey() + "\", which is no longer one (length is a size policy, not an anomaly; symbols and entropy "
                        + "described the kind of text, not an attack); "
                        + "retrain the file with trainer/train.py");
            }
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
        JsonNode classNodes = section.get("classes");
        if (classNodes == null) {
            return new AnomalyModel(baselines, threshold.doubleValue());
        }
        double prior = number("anomaly", section, "classPrior");
        if (prior <= 0) {
            throw new WeightFileException("anomaly", "anomaly.classPrior: expected a positive number of prompts, "
                    + "found " + prior);
        }
        return new AnomalyModel(baselines, threshold.doubleValue(), classBaselines(classNodes, classes, baselines),
                prior);
    }

    /** One baseline per class, in the classifier's order: every class present, no other, every feature finite. */
    private static List<ClassBaseline> classBaselines(JsonNode nodes, List<String> classes, FeatureBaseline[] global)
            throws WeightFileException {
        if (!nodes.isObject()) {
            throw new WeightFileException("anomaly", "anomaly.classes: expected an object of per-class baselines, "
                    + "found " + nodes.getNodeType());
        }
        Iterator<String> names = nodes.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!classes.contains(name)) {
                throw new WeightFileException("anomaly", "anomaly.classes: expected only the model's classes "
                        + classes + ", found unknown class \"" + name + "\"");
            }
        }
        List<ClassBaseline> out = new ArrayList<>(classes.size());
        for (String label : classes) {
            out.add(classBaseline(label, nodes.get(label), global));
        }
        return out;
    }

    /** One class's baseline: its prompt count and a finite baseline for every feature. */
    private static ClassBaseline classBaseline(String label, JsonNode node, FeatureBaseline[] global)
            throws WeightFileException {
        String where = "anomaly.classes." + label;
        if (node == null || !node.isObject()) {
            throw new WeightFileException("anomaly", "anomaly.classes: expected a baseline for every class, "
                    + "found " + (node == null ? "none" : node.getNodeType().toString()) + " for class \""
                    + label + "\"");
        }
        JsonNode prompts = node.get("prompts");
        if (prompts == null || !prompts.canConvertToLong() || !prompts.isIntegralNumber() || prompts.longValue() < 0) {
            throw new WeightFileException("anomaly", where + ".prompts: expected a whole number >= 0, found "
                    + (prompts == null ? "none" : prompts.toString()));
        }
        JsonNode features = node.get("features");
        if (features == null || !features.isObject()) {
            throw new WeightFileException("anomaly", where + ".features: expected an object, found "
                    + (features == null ? "none" : features.getNodeType().toString()));
        }
        FeatureBaseline[] own = new FeatureBaseline[PromptFeature.count()];
        Iterator<String> keys = features.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (PromptFeature.fromKey(key) == null) {
                throw new WeightFileException("anomaly", where + ".features: expected only known features, "
                        + "found \"" + key + "\"");
            }
        }
        for (PromptFeature feature : PromptFeature.values()) {
            JsonNode stats = features.get(feature.key());
            String at = where + ".features." + feature.key();
            if (stats == null || !stats.isObject()) {
                throw new WeightFileException("anomaly", where + ".features: expected a baseline for every "
                        + "feature, found none for class \"" + label + "\" feature \"" + feature.key() + "\"");
            }
            FeatureBaseline g = global[feature.ordinal()];
            double std = number(at, stats, "std");
            double mad = number(at, stats, "mad");
            double floor = number(at, stats, "scaleFloor");
            if (std < 0 || mad < 0 || floor <= 0) {
                throw new WeightFileException("anomaly", at + ": expected std >= 0, mad >= 0 and scaleFloor > 0, "
                        + "found std " + std + ", mad " + mad + ", scaleFloor " + floor);
            }
            own[feature.ordinal()] = new FeatureBaseline(g.transform(), g.direction(), g.method(),
                    number(at, stats, "mean"), std, number(at, stats, "median"), mad, floor);
        }
        return new ClassBaseline(label, prompts.longValue(), own);
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
