package io.kroute.inference.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles a reward log into warm-start priors: the offline half of the feedback loop. For each (class, arm)
 * and for each arm over all classes ({@code "*"}), with {@code n} rewards of mean {@code m}:
 *
 * <pre>
 *   strength = min(n, maxPseudoCount)
 *   alpha = base.alpha + strength * m,   beta = base.beta + strength * (1 - m)
 * </pre>
 *
 * The cap keeps a long history from outweighing fresh evidence once routing starts. Pairs with fewer than
 * {@code minRewards} rewards get no entry (they fall back to the global entry). Invalid rewards are skipped and
 * counted.
 */
public final class PriorsCompiler {

    /** One logged reward. */
    public record RewardRecord(String context, String arm, double reward) {
    }

    /** The compiled priors and how many records were skipped. */
    public record Result(BanditPriors priors, long used, long skipped, List<String> skippedReasons) {
        /** The {@code bandit} section with its provenance under {@code source}. */
        public ObjectNode toJson(int maxPseudoCount) {
            ObjectNode section = priors.toJson();
            ObjectNode source = section.putObject("source");
            source.put("rewards", used);
            source.put("skipped", skipped);
            source.put("maxPseudoCount", maxPseudoCount);
            return section;
        }
    }

    private final ArmPrior base;
    private final double maxPseudoCount;
    private final long minRewards;

    public PriorsCompiler(ArmPrior base, double maxPseudoCount, long minRewards) {
        this.base = base;
        if (!(maxPseudoCount > 0) || !Double.isFinite(maxPseudoCount)) {
            throw new IllegalArgumentException("maxPseudoCount: expected a finite number > 0, found " + maxPseudoCount);
        }
        if (minRewards < 1) {
            throw new IllegalArgumentException("minRewards: expected at least 1, found " + minRewards);
        }
        this.maxPseudoCount = maxPseudoCount;
        this.minRewards = minRewards;
    }

    public Result compile(Iterable<RewardRecord> log) {
        // Sorted maps keep the output stable whatever the log order.
        Map<String, Map<String, double[]>> sums = new TreeMap<>();
        long used = 0;
        long skipped = 0;
        List<String> reasons = new ArrayList<>();
        long index = 0;
        for (RewardRecord record : log) {
            String problem = problem(record);
            if (problem != null) {
                skipped++;
                if (reasons.size() < 20) {
                    reasons.add("record " + index + ": " + problem);
                }
            } else {
                used++;
                add(sums, record.context(), record.arm(), record.reward());
                add(sums, ContextualBandit.GLOBAL, record.arm(), record.reward());
            }
            index++;
        }
        Map<String, Map<String, ArmPrior>> priors = new TreeMap<>();
        sums.forEach((context, arms) -> arms.forEach((arm, s) -> {
            if (s[0] >= minRewards) {
                double strength = Math.min(s[0], maxPseudoCount);
                double mean = s[1] / s[0];
                priors.computeIfAbsent(context, c -> new TreeMap<>())
                        .put(arm, new ArmPrior(base.alpha() + strength * mean, base.beta() + strength * (1 - mean)));
            }
        }));
        return new Result(new BanditPriors(base, priors), used, skipped, List.copyOf(reasons));
    }

    private static void add(Map<String, Map<String, double[]>> sums, String context, String arm, double reward) {
        double[] s = sums.computeIfAbsent(context, c -> new TreeMap<>()).computeIfAbsent(arm, a -> new double[2]);
        s[0] += 1;
        s[1] += reward;
    }

    private static String problem(RewardRecord record) {
        if (record.context() == null || record.context().isBlank() || ContextualBandit.GLOBAL.equals(record.context())) {
            return "expected a class name, found " + (record.context() == null ? "none" : "'" + record.context() + "'");
        }
        if (record.arm() == null || record.arm().isBlank()) {
            return "expected a provider name, found " + (record.arm() == null ? "none" : "'" + record.arm() + "'");
        }
        RewardRejections.Reason reason = RewardRejections.check(record.reward(), false);
        if (reason != null) {
            return "expected a reward in [0, 1], found " + record.reward();
        }
        return null;
    }

    /**
     * Reads a reward log: one JSON object per line, {@code {"class": ..., "provider": ..., "reward": r}}. Blank
     * lines are skipped; a line that is not such an object is refused with its line number.
     */
    public static List<RewardRecord> readJsonLines(Reader in) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<RewardRecord> records = new ArrayList<>();
        BufferedReader reader = new BufferedReader(in);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("line " + number + ": expected a JSON object, found malformed JSON ("
                        + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject() || !node.path("class").isTextual() || !node.path("provider").isTextual()
                    || !node.path("reward").isNumber()) {
                throw new IllegalArgumentException("line " + number
                        + ": expected {\"class\": text, \"provider\": text, \"reward\": number}, found " + line);
            }
            records.add(new RewardRecord(node.get("class").asText(), node.get("provider").asText(),
                    node.get("reward").doubleValue()));
        }
        return records;
    }
}
