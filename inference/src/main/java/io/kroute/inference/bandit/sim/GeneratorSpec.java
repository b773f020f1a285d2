package io.kroute.inference.bandit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The parameter ranges the random benchmark draws its instances from. {@link #DEFAULT} holds the documented
 * defaults (docs/bandits.md); a generator file overrides any of them, as {@code {"providers": [2, 4], ...}} for a
 * range or {@code {"outageProbability": 0.5}} for a share. Times and lengths are fractions of the run's decisions.
 *
 * @param providers how many providers (integers)
 * @param classes how many prompt classes (integers); their shares are drawn from a flat Dirichlet
 * @param minClassShare the smallest relative share a class keeps
 * @param successProbability each provider's initial success probability per class
 * @param costPerCall cost of a call (log-uniform)
 * @param latencyMedianMs median latency (log-uniform)
 * @param latencySigma log-normal spread of latency
 * @param quality mean quality score of a successful answer
 * @param abruptChanges how many abrupt changes (integers)
 * @param singleClassShare share of abrupt changes that affect one class (the others affect every class)
 * @param changeGap the gap in success probability an abrupt change or a drift opens
 * @param changeTime when changes happen, as a fraction of the run
 * @param drifts how many slow drifts (integers)
 * @param driftLength how long a drift lasts, as a fraction of the run
 * @param outageProbability probability that an instance has an outage of one class's best provider (every class)
 * @param outageLength how long the outage lasts, as a fraction of the run
 * @param outageSuccess the provider's success probability during the outage
 * @param rewardDelay decisions between a decision and its reward (log-uniform above zero)
 * @param zeroDelayShare share of instances whose rewards come with no delay
 * @param publishEvery rewards between publications of a bandit's state (integers)
 */
public record GeneratorSpec(Range providers, Range classes, double minClassShare, Range successProbability,
        Range costPerCall, Range latencyMedianMs, Range latencySigma, Range quality, Range abruptChanges,
        double singleClassShare, Range changeGap, Range changeTime, Range drifts, Range driftLength,
        double outageProbability, Range outageLength, double outageSuccess, Range rewardDelay, double zeroDelayShare,
        Range publishEvery) {

    /** A closed range {@code [min, max]}. */
    public record Range(double min, double max) {
    }

    public static final GeneratorSpec DEFAULT = new GeneratorSpec(new Range(2, 16), new Range(1, 8), 0.01,
            new Range(0.3, 0.99), new Range(0.0005, 0.02), new Range(200, 5000), new Range(0.1, 0.8),
            new Range(0.5, 0.95), new Range(0, 6), 0.5, new Range(0.05, 0.5), new Range(0.05, 0.95), new Range(0, 2),
            new Range(0.05, 0.3), 0.3, new Range(0.01, 0.1), 0.02, new Range(0, 3000), 1.0 / 3, new Range(100, 100));

    private static final Set<String> INTEGER_RANGES = Set.of("providers", "classes", "abruptChanges", "drifts",
            "rewardDelay", "publishEvery");

    public static GeneratorSpec read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": expected a JSON generator spec, found malformed JSON ("
                    + e.getOriginalMessage() + ")");
        }
        return parse(root);
    }

    /** The defaults with the fields of {@code root} in their place; every value checked, errors name the path. */
    public static GeneratorSpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("generator: expected an object, found "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        GeneratorSpec d = DEFAULT;
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("generator." + field + ": unknown field; expected one of " + FIELDS);
            }
        }
        return new GeneratorSpec(
                range(root, "providers", d.providers, 2, 256),
                range(root, "classes", d.classes, 1, 1024),
                share(root, "minClassShare", d.minClassShare),
                range(root, "successProbability", d.successProbability, 0, 1),
                range(root, "costPerCall", d.costPerCall, 0, 1e6),
                range(root, "latencyMedianMs", d.latencyMedianMs, 0, 1e7),
                range(root, "latencySigma", d.latencySigma, 0, 5),
                range(root, "quality", d.quality, 0, 1),
                range(root, "abruptChanges", d.abruptChanges, 0, 1000),
                share(root, "singleClassShare", d.singleClassShare),
                range(root, "changeGap", d.changeGap, 0, 1),
                range(root, "changeTime", d.changeTime, 0, 1),
                range(root, "drifts", d.drifts, 0, 1000),
                range(root, "driftLength", d.driftLength, 0, 1),
                share(root, "outageProbability", d.outageProbability),
                range(root, "outageLength", d.outageLength, 0, 1),
                share(root, "outageSuccess", d.outageSuccess),
                range(root, "rewardDelay", d.rewardDelay, 0, 1_000_000),
                share(root, "zeroDelayShare", d.zeroDelayShare),
                range(root, "publishEvery", d.publishEvery, 1, 1_000_000));
    }

    private static final Set<String> FIELDS = Set.of("providers", "classes", "minClassShare", "successProbability",
            "costPerCall", "latencyMedianMs", "latencySigma", "quality", "abruptChanges", "singleClassShare",
            "changeGap", "changeTime", "drifts", "driftLength", "outageProbability", "outageLength", "outageSuccess",
            "rewardDelay", "zeroDelayShare", "publishEvery");

    private static Range range(JsonNode root, String field, Range fallback, double lowest, double highest) {
        JsonNode node = root.get(field);
        if (node == null) {
            return fallback;
        }
        String path = "generator." + field;
        boolean integers = INTEGER_RANGES.contains(field);
        String expected = "[min, max] with " + (integers ? "integers" : "numbers") + " in [" + fmt(lowest) + ", "
                + fmt(highest) + "] and min <= max";
        if (!node.isArray() || node.size() != 2) {
            throw new IllegalArgumentException(path + ": expected " + expected + ", found " + node);
        }
        for (int i = 0; i < 2; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber() || (integers && !v.isIntegralNumber()) || !(v.doubleValue() >= lowest
                    && v.doubleValue() <= highest)) {
                throw new IllegalArgumentException(path + "[" + i + "]: expected " + (integers ? "an integer" : "a number")
                        + " in [" + fmt(lowest) + ", " + fmt(highest) + "], found " + v);
            }
        }
        if (node.get(0).doubleValue() > node.get(1).doubleValue()) {
            throw new IllegalArgumentException(path + ": expected min <= max, found " + node);
        }
        return new Range(node.get(0).doubleValue(), node.get(1).doubleValue());
    }

    private static double share(JsonNode root, String field, double fallback) {
        JsonNode node = root.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            throw new IllegalArgumentException("generator." + field + ": expected a probability in [0, 1], found "
                    + node);
        }
        return node.doubleValue();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
