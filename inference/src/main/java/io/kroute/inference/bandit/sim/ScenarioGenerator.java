package io.kroute.inference.bandit.sim;

import io.kroute.inference.bandit.RewardFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws random problem instances (scenarios) from documented parameter ranges ({@link GeneratorSpec}): providers
 * with random costs, latencies and quality, classes with random shares, random success probabilities, abrupt
 * changes of four kinds (the worst provider becomes the best, the best drops below the rest, the best swaps places
 * with another provider, a provider moves at random), slow drifts, a reward delay and an optional outage. The same
 * seed always draws the same scenario.
 */
public final class ScenarioGenerator {

    /** The kinds of abrupt change, drawn with equal probability. */
    enum Kind { WORST_BECOMES_BEST, BEST_DROPS, SWAP_WITH_BEST, RANDOM_MOVE }

    private record Plan(long at, long ramp, int classIndex, Kind kind, double gap, boolean outage, long outageEnd) {
    }

    /** The highest success probability a change moves a provider to. */
    static final double CEILING = 0.995;

    private final GeneratorSpec spec;

    public ScenarioGenerator(GeneratorSpec spec) {
        this.spec = spec;
    }

    public Scenario generate(long seed, long decisions) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = (int) integer(random, spec.providers());
        int classCount = (int) integer(random, spec.classes());
        List<Scenario.Provider> providers = new ArrayList<>(k);
        for (int p = 0; p < k; p++) {
            providers.add(new Scenario.Provider("p" + p, logUniform(random, spec.costPerCall()),
                    logUniform(random, spec.latencyMedianMs()), uniform(random, spec.latencySigma()),
                    uniform(random, spec.quality())));
        }
        List<Scenario.TrafficClass> classes = new ArrayList<>(classCount);
        double[] shares = new double[classCount];
        double total = 0;
        for (int c = 0; c < classCount; c++) {
            shares[c] = -Math.log(1 - random.nextDouble()); // a flat Dirichlet, from exponential draws
            total += shares[c];
        }
        for (int c = 0; c < classCount; c++) {
            classes.add(new Scenario.TrafficClass("c" + c, Math.max(spec.minClassShare(), shares[c] / total)));
        }
        double[][] current = new double[classCount][k];
        Map<String, Map<String, Double>> success = new LinkedHashMap<>();
        for (int c = 0; c < classCount; c++) {
            Map<String, Double> byProvider = new LinkedHashMap<>();
            for (int p = 0; p < k; p++) {
                current[c][p] = round(uniform(random, spec.successProbability()));
                byProvider.put("p" + p, current[c][p]);
            }
            success.put("c" + c, Collections.unmodifiableMap(byProvider));
        }
        List<Plan> plans = plans(random, decisions, classCount);
        List<Scenario.Change> changes = new Changes(current, decisions).apply(plans, random);
        int delay = random.nextDouble() < spec.zeroDelayShare() ? 0
                : (int) Math.round(logUniform(random, new GeneratorSpec.Range(1, Math.max(1, spec.rewardDelay().max()))));
        delay = (int) Math.max(spec.rewardDelay().min(), Math.min(spec.rewardDelay().max(), delay));
        int publishEvery = (int) integer(random, spec.publishEvery());
        return new Scenario("random-" + seed, "drawn by the random benchmark generator", List.copyOf(providers),
                List.copyOf(classes), Collections.unmodifiableMap(success), changes, delay, publishEvery,
                RewardFunction.Weights.DEFAULT);
    }

    private List<Plan> plans(SplittableRandom random, long decisions, int classCount) {
        List<Plan> plans = new ArrayList<>();
        long abrupt = integer(random, spec.abruptChanges());
        for (int i = 0; i < abrupt; i++) {
            int scope = random.nextDouble() < spec.singleClassShare() ? random.nextInt(classCount) : -1;
            plans.add(new Plan(time(random, decisions), 0, scope, Kind.values()[random.nextInt(Kind.values().length)],
                    uniform(random, spec.changeGap()), false, 0));
        }
        long drifts = integer(random, spec.drifts());
        for (int i = 0; i < drifts; i++) {
            long ramp = Math.max(1, Math.round(decisions * uniform(random, spec.driftLength())));
            plans.add(new Plan(time(random, decisions), ramp, random.nextInt(classCount), Kind.RANDOM_MOVE,
                    uniform(random, spec.changeGap()), false, 0));
        }
        if (random.nextDouble() < spec.outageProbability()) {
            long at = time(random, decisions);
            long end = at + Math.max(1, Math.round(decisions * uniform(random, spec.outageLength())));
            plans.add(new Plan(at, 0, random.nextInt(classCount), null, 0, true, end));
        }
        plans.sort((a, b) -> Long.compare(a.at(), b.at()));
        return plans;
    }

    private long time(SplittableRandom random, long decisions) {
        return Math.round(decisions * uniform(random, spec.changeTime()));
    }

    /** Turns plans into scenario changes against the success probabilities as they stand, without overlaps. */
    private final class Changes {
        private final double[][] current;
        private final long decisions;
        private final List<List<List<long[]>>> busy = new ArrayList<>();
        private final List<Scenario.Change> changes = new ArrayList<>();

        Changes(double[][] current, long decisions) {
            this.current = current;
            this.decisions = decisions;
            for (double[] row : current) {
                List<List<long[]>> perProvider = new ArrayList<>();
                for (int p = 0; p < row.length; p++) {
                    perProvider.add(new ArrayList<>());
                }
                busy.add(perProvider);
            }
        }

        List<Scenario.Change> apply(List<Plan> plans, SplittableRandom random) {
            for (Plan plan : plans) {
                if (plan.outage()) {
                    outage(plan);
                    continue;
                }
                for (int c = 0; c < current.length; c++) {
                    if (plan.classIndex() < 0 || plan.classIndex() == c) {
                        change(plan, c, random);
                    }
                }
            }
            changes.sort((a, b) -> Long.compare(a.at(), b.at()));
            return List.copyOf(changes);
        }

        private void change(Plan plan, int c, SplittableRandom random) {
            double[] row = current[c];
            int best = argmax(row, -1);
            int second = argmax(row, best);
            int worst = argmin(row);
            int provider;
            double target;
            switch (plan.kind()) {
                case WORST_BECOMES_BEST -> {
                    provider = worst;
                    target = row[best] + plan.gap();
                    if (target > CEILING) {
                        // Near the ceiling, the others come down so the new best still leads by the gap.
                        target = CEILING;
                        for (int p = 0; p < row.length; p++) {
                            if (p != worst && row[p] > CEILING - plan.gap()) {
                                add(c, p, plan.at(), 0, CEILING - plan.gap());
                            }
                        }
                    }
                }
                case BEST_DROPS -> {
                    provider = best;
                    target = row[second] - plan.gap();
                }
                case SWAP_WITH_BEST -> {
                    provider = other(random, row.length, best);
                    target = row[best];
                    if (!free(c, provider, plan.at(), plan.at() + 1) || !add(c, best, plan.at(), 0, row[provider])) {
                        return;
                    }
                }
                default -> {
                    provider = random.nextInt(row.length);
                    target = row[provider] + (random.nextBoolean() ? plan.gap() : -plan.gap());
                }
            }
            add(c, provider, plan.at(), plan.ramp(), target);
        }

        private void outage(Plan plan) {
            int provider = argmax(current[plan.classIndex()], -1);
            for (int c = 0; c < current.length; c++) {
                if (!free(c, provider, plan.at(), plan.outageEnd() + 1)) {
                    return;
                }
            }
            for (int c = 0; c < current.length; c++) {
                double before = current[c][provider];
                add(c, provider, plan.at(), 0, spec.outageSuccess());
                if (plan.outageEnd() < decisions) {
                    add(c, provider, plan.outageEnd(), 0, before);
                }
            }
        }

        private boolean add(int c, int provider, long at, long ramp, double target) {
            long end = at + Math.max(ramp, 1);
            if (!free(c, provider, at, end)) {
                return false;
            }
            double value = round(Math.max(spec.successProbability().min() / 2, Math.min(CEILING, target)));
            busy.get(c).get(provider).add(new long[] {at, end});
            current[c][provider] = value;
            changes.add(new Scenario.Change(at, "p" + provider, List.of("c" + c), value, ramp));
            return true;
        }

        private boolean free(int c, int provider, long at, long end) {
            for (long[] interval : busy.get(c).get(provider)) {
                if (at < interval[1] && interval[0] < end) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int other(SplittableRandom random, int k, int excluded) {
        int p = random.nextInt(k - 1);
        return p >= excluded ? p + 1 : p;
    }

    private static int argmax(double[] row, int excluded) {
        int best = -1;
        for (int p = 0; p < row.length; p++) {
            if (p != excluded && (best < 0 || row[p] > row[best])) {
                best = p;
            }
        }
        return best;
    }

    private static int argmin(double[] row) {
        int worst = 0;
        for (int p = 1; p < row.length; p++) {
            if (row[p] < row[worst]) {
                worst = p;
            }
        }
        return worst;
    }

    private static double round(double value) {
        return Math.round(value * 1e4) / 1e4;
    }

    private static double uniform(SplittableRandom random, GeneratorSpec.Range range) {
        return range.min() + (range.max() - range.min()) * random.nextDouble();
    }

    private static double logUniform(SplittableRandom random, GeneratorSpec.Range range) {
        if (range.min() <= 0) {
            return uniform(random, range);
        }
        return range.min() * Math.exp(Math.log(range.max() / range.min()) * random.nextDouble());
    }

    private static long integer(SplittableRandom random, GeneratorSpec.Range range) {
        return (long) range.min() + random.nextLong((long) range.max() - (long) range.min() + 1);
    }
}
