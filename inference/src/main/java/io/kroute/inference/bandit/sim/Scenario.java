package io.kroute.inference.bandit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.bandit.RewardFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A simulated routing world: providers (cost, latency distribution, quality), prompt classes and their share of
 * traffic, each provider's success probability per class, change points, a reward delay, and how often arm
 * statistics are published. Built only through {@link #parse}, which refuses bad input with the JSON path, what
 * was expected and what was found.
 *
 * @param rewardDelay a decision's reward is applied just before the decision this many later (at least the next)
 * @param publishEvery rewards a bandit gathers between publications of its state (the topology's batches)
 */
public record Scenario(String name, String description, List<Provider> providers, List<TrafficClass> classes,
        Map<String, Map<String, Double>> successProbability, List<Change> changes, int rewardDelay,
        int publishEvery, RewardFunction.Weights reward) {

    /**
     * @param latencyMedianMs median latency; latency is log-normal, {@code median * exp(latencySigma * Z)}
     * @param quality mean quality score in [0, 1] of a successful answer (drawn from a Beta of concentration 20)
     */
    public record Provider(String name, double costPerCall, double latencyMedianMs, double latencySigma,
            double quality) {
    }

    public record TrafficClass(String name, double share) {
    }

    /**
     * From decision {@code at}, the provider's success probability in {@code classes} (all when empty) moves
     * linearly to {@code successProbability} over {@code rampDecisions} decisions (0: at once).
     */
    public record Change(long at, String provider, List<String> classes, double successProbability,
            long rampDecisions) {
        public boolean affects(String trafficClass) {
            return classes.isEmpty() || classes.contains(trafficClass);
        }
    }

    public static final int MAX_PROVIDERS = 256;
    public static final int MAX_CLASSES = 1024;

    public static Scenario read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": expected a JSON scenario, found malformed JSON ("
                    + e.getOriginalMessage() + ")");
        }
        return parse(root);
    }

    /** Reads and validates a scenario. */
    public static Scenario parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw bad("scenario", "an object", root);
        }
        String name = text(root, "name", "scenario.name");
        String description = root.has("description") ? text(root, "description", "scenario.description") : "";
        List<Provider> providers = parseProviders(root);
        List<TrafficClass> classes = parseClasses(root);
        Map<String, Map<String, Double>> success = parseSuccess(root, providers, classes);
        List<Change> changes = parseChanges(root, providers, classes);
        int rewardDelay = root.has("rewardDelay")
                ? (int) integer(root, "rewardDelay", "scenario.rewardDelay", 0, 1_000_000) : 0;
        int publishEvery = root.has("publishEvery")
                ? (int) integer(root, "publishEvery", "scenario.publishEvery", 1, 1_000_000) : 100;
        return new Scenario(name, description, providers, classes, success, changes, rewardDelay, publishEvery,
                parseRewardWeights(root));
    }

    private static List<Provider> parseProviders(JsonNode root) {
        JsonNode providersNode = array(root, "providers", "scenario.providers", MAX_PROVIDERS);
        List<Provider> providers = new ArrayList<>();
        Set<String> providerNames = new HashSet<>();
        for (int i = 0; i < providersNode.size(); i++) {
            String path = "scenario.providers[" + i + "]";
            JsonNode p = object(providersNode.get(i), path);
            Provider provider = new Provider(text(p, "name", path + ".name"),
                    number(p, "costPerCall", path + ".costPerCall", 0, Double.MAX_VALUE),
                    number(p, "latencyMedianMs", path + ".latencyMedianMs", 0, Double.MAX_VALUE),
                    number(p, "latencySigma", path + ".latencySigma", 0, 5),
                    number(p, "quality", path + ".quality", 0, 1));
            if (!providerNames.add(provider.name())) {
                throw new IllegalArgumentException(path + ".name: expected a unique provider name, found '"
                        + provider.name() + "' again");
            }
            providers.add(provider);
        }

        return List.copyOf(providers);
    }

    private static List<TrafficClass> parseClasses(JsonNode root) {
        JsonNode classesNode = array(root, "classes", "scenario.classes", MAX_CLASSES);
        List<TrafficClass> classes = new ArrayList<>();
        Set<String> classNames = new HashSet<>();
        double totalShare = 0;
        for (int i = 0; i < classesNode.size(); i++) {
            String path = "scenario.classes[" + i + "]";
            JsonNode c = object(classesNode.get(i), path);
            TrafficClass trafficClass = new TrafficClass(text(c, "name", path + ".name"),
                    number(c, "share", path + ".share", 0, Double.MAX_VALUE));
            if (!classNames.add(trafficClass.name())) {
                throw new IllegalArgumentException(path + ".name: expected a unique class name, found '"
                        + trafficClass.name() + "' again");
            }
            if ("*".equals(trafficClass.name())) {
                throw new IllegalArgumentException(path + ".name: expected a class name, found the reserved '*'");
            }
            totalShare += trafficClass.share();
            classes.add(trafficClass);
        }
        if (!(totalShare > 0)) {
            throw new IllegalArgumentException("scenario.classes: expected shares with a positive sum, found "
                    + totalShare);
        }

        return List.copyOf(classes);
    }

    private static Map<String, Map<String, Double>> parseSuccess(JsonNode root, List<Provider> providers,
            List<TrafficClass> classes) {
        Set<String> classNames = new HashSet<>(names(classes));
        Set<String> providerNames = new HashSet<>(providerList(providers));
        JsonNode successNode = root.get("successProbability");
        String successPath = "scenario.successProbability";
        object(successNode, successPath);
        Map<String, Map<String, Double>> success = new LinkedHashMap<>();
        for (Iterator<String> it = successNode.fieldNames(); it.hasNext();) {
            String className = it.next();
            if (!classNames.contains(className)) {
                throw new IllegalArgumentException(successPath + "." + className + ": unknown class '" + className
                        + "'; expected one of " + names(classes));
            }
        }
        for (TrafficClass trafficClass : classes) {
            String classPath = successPath + "." + trafficClass.name();
            JsonNode perProvider = successNode.get(trafficClass.name());
            if (perProvider == null) {
                throw new IllegalArgumentException(classPath + ": expected success probabilities for class '"
                        + trafficClass.name() + "', found none");
            }
            object(perProvider, classPath);
            for (Iterator<String> it = perProvider.fieldNames(); it.hasNext();) {
                String providerName = it.next();
                if (!providerNames.contains(providerName)) {
                    throw new IllegalArgumentException(classPath + "." + providerName + ": unknown provider '"
                            + providerName + "'; expected one of " + providerList(providers));
                }
            }
            Map<String, Double> byProvider = new LinkedHashMap<>();
            for (Provider provider : providers) {
                if (!perProvider.has(provider.name())) {
                    throw new IllegalArgumentException(classPath + "." + provider.name()
                            + ": expected a probability in [0, 1], found nothing");
                }
                byProvider.put(provider.name(), number(perProvider, provider.name(),
                        classPath + "." + provider.name(), 0, 1));
            }
            success.put(trafficClass.name(), java.util.Collections.unmodifiableMap(byProvider));
        }

        return java.util.Collections.unmodifiableMap(success);
    }

    private static List<Change> parseChanges(JsonNode root, List<Provider> providers, List<TrafficClass> classes) {
        Set<String> classNames = new HashSet<>(names(classes));
        Set<String> providerNames = new HashSet<>(providerList(providers));
        List<Change> changes = new ArrayList<>();
        JsonNode changesNode = root.get("changes");
        if (changesNode != null) {
            // An empty array is a stationary scenario.
            if (!changesNode.isArray()) {
                throw bad("scenario.changes", "an array", changesNode);
            }
            if (changesNode.size() > 100_000) {
                throw new IllegalArgumentException("scenario.changes: expected at most 100000 entries, found "
                        + changesNode.size());
            }
            for (int i = 0; i < changesNode.size(); i++) {
                String path = "scenario.changes[" + i + "]";
                JsonNode c = object(changesNode.get(i), path);
                long at = integer(c, "at", path + ".at", 0, Long.MAX_VALUE / 4);
                String provider = text(c, "provider", path + ".provider");
                if (!providerNames.contains(provider)) {
                    throw new IllegalArgumentException(path + ".provider: unknown provider '" + provider
                            + "'; expected one of " + providerList(providers));
                }
                List<String> affected = new ArrayList<>();
                if (c.has("classes")) {
                    JsonNode list = array(c, "classes", path + ".classes", MAX_CLASSES);
                    for (int j = 0; j < list.size(); j++) {
                        JsonNode item = list.get(j);
                        if (!item.isTextual() || !classNames.contains(item.asText())) {
                            throw new IllegalArgumentException(path + ".classes[" + j + "]: expected one of "
                                    + names(classes) + ", found " + item);
                        }
                        affected.add(item.asText());
                    }
                }
                double target = number(c, "successProbability", path + ".successProbability", 0, 1);
                long ramp = c.has("rampDecisions") ? integer(c, "rampDecisions", path + ".rampDecisions", 0,
                        Long.MAX_VALUE / 4) : 0;
                changes.add(new Change(at, provider, List.copyOf(affected), target, ramp));
            }
            checkOverlaps(changes, classes);
        }

        return List.copyOf(changes);
    }

    private static RewardFunction.Weights parseRewardWeights(JsonNode root) {
        RewardFunction.Weights weights = RewardFunction.Weights.DEFAULT;
        if (root.has("reward")) {
            String path = "scenario.reward";
            JsonNode r = object(root.get("reward"), path);
            RewardFunction.Weights d = RewardFunction.Weights.DEFAULT;
            try {
                weights = new RewardFunction.Weights(
                        optional(r, "success", path, d.success()), optional(r, "quality", path, d.quality()),
                        optional(r, "latency", path, d.latency()), optional(r, "cost", path, d.cost()),
                        optional(r, "latencyScaleMs", path, d.latencyScaleMs()),
                        optional(r, "costScale", path, d.costScale()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return weights;
    }

    /** Two changes of one provider in one class must not overlap in time, or the ramps would be ambiguous. */
    private static void checkOverlaps(List<Change> changes, List<TrafficClass> classes) {
        for (int i = 0; i < changes.size(); i++) {
            for (int j = 0; j < i; j++) {
                Change a = changes.get(j);
                Change b = changes.get(i);
                if (!a.provider().equals(b.provider())) {
                    continue;
                }
                for (TrafficClass c : classes) {
                    if (!a.affects(c.name()) || !b.affects(c.name())) {
                        continue;
                    }
                    long aEnd = a.at() + Math.max(a.rampDecisions(), 1);
                    long bEnd = b.at() + Math.max(b.rampDecisions(), 1);
                    if (a.at() < bEnd && b.at() < aEnd) {
                        throw new IllegalArgumentException("scenario.changes[" + i + "]: expected changes of provider '"
                                + b.provider() + "' in class '" + c.name() + "' not to overlap, found decisions ["
                                + b.at() + ", " + bEnd + ") overlapping changes[" + j + "] at [" + a.at() + ", "
                                + aEnd + ")");
                    }
                }
            }
        }
    }

    private static double optional(JsonNode node, String field, String path, double fallback) {
        return node.has(field) ? number(node, field, path + "." + field, 0, Double.MAX_VALUE) : fallback;
    }

    private static List<String> names(List<TrafficClass> classes) {
        return classes.stream().map(TrafficClass::name).toList();
    }

    private static List<String> providerList(List<Provider> providers) {
        return providers.stream().map(Provider::name).toList();
    }

    private static IllegalArgumentException bad(String path, String expected, JsonNode found) {
        return new IllegalArgumentException(path + ": expected " + expected + ", found " + describe(found));
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isContainerNode()) {
            return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
        return node.toString();
    }

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw bad(path, "an object", node);
        }
        return node;
    }

    private static JsonNode array(JsonNode parent, String field, String path, int maxSize) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw bad(path, "a non-empty array", node);
        }
        if (node.size() > maxSize) {
            throw new IllegalArgumentException(path + ": expected at most " + maxSize + " entries, found " + node.size());
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw bad(path, "a non-blank string", node);
        }
        return node.asText();
    }

    private static double number(JsonNode parent, String field, String path, double min, double max) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isNumber() || !(node.doubleValue() >= min && node.doubleValue() <= max)) {
            String range = max == 1 && min == 0 ? "a probability in [0, 1]"
                    : max == Double.MAX_VALUE ? "a number >= " + fmt(min) : "a number in [" + fmt(min) + ", " + fmt(max) + "]";
            throw bad(path, range, node);
        }
        return node.doubleValue();
    }

    private static long integer(JsonNode parent, String field, String path, long min, long max) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min
                || node.longValue() > max) {
            throw bad(path, "an integer in [" + min + ", " + max + "]", node);
        }
        return node.longValue();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
