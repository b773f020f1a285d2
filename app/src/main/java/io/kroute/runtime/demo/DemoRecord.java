package io.kroute.runtime.demo;

import io.kroute.inference.bandit.sim.Scenario;
import io.kroute.inference.bandit.sim.World;
import io.kroute.schemas.RoutingDecision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the demo saw: every outcome of every prompt, the allocation of decisions per class and second, and the
 * regret of each decision against the scenario's best provider for the prompt's true class at that moment.
 * Written by the dispatch workers, read by the status line and the report; all methods are synchronized.
 */
public final class DemoRecord {
    /** Decisions per class the live allocation is computed over. */
    static final int RECENT = 50;

    /** Cumulative regret after {@code decisions} decisions, and what uniform random routing would have had. */
    public record RegretPoint(long decisions, double regret, double uniformRegret) {
    }

    private final Scenario scenario;
    private final Map<String, Integer> providerIndex = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final TreeMap<Long, Map<String, long[]>> allocationBySecond = new TreeMap<>();
    private final Map<String, ArrayDeque<Integer>> recent = new LinkedHashMap<>();
    private final List<RegretPoint> regret = new ArrayList<>();
    private final Map<Long, Long> changeSeconds = new TreeMap<>();
    private final List<int[]> decisionsByIndex = new ArrayList<>();
    private long decisions;
    private long quarantined;
    private long deadLetters;
    private long duplicates;
    private long foreign;
    private double cumulativeRegret;
    private double uniformRegret;
    private final Map<String, Long> exclusions = new TreeMap<>();
    private final Map<String, Map<String, Long>> byTenant = new TreeMap<>();
    private long noEligible;
    private long fallbackCalls;
    private long fallbackSuccesses;

    DemoRecord(Scenario scenario) {
        this.scenario = scenario;
        for (int p = 0; p < scenario.providers().size(); p++) {
            providerIndex.put(scenario.providers().get(p).name(), p);
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public synchronized int providerIndex(String provider) {
        return providerIndex.getOrDefault(provider, -1);
    }

    /**
     * Records a decision; returns its index in the run (the scenario's clock). Its regret is measured against the
     * best of the providers the routing rules let it choose from (the decision's candidates), and so is the
     * uniform baseline.
     */
    synchronized long decided(RoutingDecision decision, int trueClass, int provider, long second, World world) {
        if (!seen.add(decision.getPromptId())) {
            duplicates++;
        }
        long t = decisions++;
        int providers = scenario.providers().size();
        double best = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int candidates = 0;
        for (int q = 0; q < providers; q++) {
            if (!candidate(decision, scenario.providers().get(q).name())) {
                continue;
            }
            double expected = world.expectedReward(trueClass, q, t);
            best = Math.max(best, expected);
            sum += expected;
            candidates++;
        }
        double mean = sum / Math.max(1, candidates);
        decision.getExclusions().forEach(e -> exclusions.merge(e.getProvider() + " " + e.getRule(), 1L, Long::sum));
        byTenant.computeIfAbsent(decision.getTenant(), k -> new TreeMap<>()).merge(decision.getProvider(), 1L,
                Long::sum);
        cumulativeRegret += best - world.expectedReward(trueClass, provider, t);
        uniformRegret += best - mean;
        if (t % 10 == 0) {
            regret.add(new RegretPoint(t + 1, cumulativeRegret, uniformRegret));
        }
        for (Scenario.Change change : scenario.changes()) {
            if (change.at() == t) {
                changeSeconds.put(t, second);
            }
        }
        String label = decision.getLabel();
        allocationBySecond.computeIfAbsent(second, s -> new TreeMap<>())
                .computeIfAbsent(label, l -> new long[providers])[provider]++;
        ArrayDeque<Integer> window = recent.computeIfAbsent(label, l -> new ArrayDeque<>());
        window.addLast(provider);
        if (window.size() > RECENT) {
            window.removeFirst();
        }
        decisionsByIndex.add(new int[] {trueClass, provider});
        return t;
    }

    /** Whether the routing rules let {@code decision} choose {@code provider} (a decision without arms: all). */
    private static boolean candidate(RoutingDecision decision, String provider) {
        return decision.getArms().isEmpty()
                || decision.getArms().stream().anyMatch(arm -> arm.getProvider().equals(provider));
    }

    synchronized void quarantined(String promptId, boolean noEligibleProvider) {
        if (!seen.add(promptId)) {
            duplicates++;
        }
        quarantined++;
        if (noEligibleProvider) {
            noEligible++;
        }
    }

    synchronized void fallbackCalled(boolean success) {
        fallbackCalls++;
        if (success) {
            fallbackSuccesses++;
        }
    }

    public synchronized RoutingTally routing() {
        return new RoutingTally(exclusions, byTenant, noEligible, fallbackCalls, fallbackSuccesses);
    }

    synchronized void deadLettered(String promptId) {
        if (!seen.add(promptId)) {
            duplicates++;
        }
        deadLetters++;
    }

    synchronized void foreignDecision() {
        foreign++;
    }

    public synchronized long decisions() {
        return decisions;
    }

    public synchronized long quarantinedCount() {
        return quarantined;
    }

    public synchronized long deadLetterCount() {
        return deadLetters;
    }

    /** Prompts that got more than one outcome (none under exactly-once). */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Decisions for a provider the scenario does not know (kroute configured with other providers). */
    public synchronized long foreignDecisions() {
        return foreign;
    }

    public synchronized long outcomes() {
        return decisions + quarantined + deadLetters;
    }

    public synchronized double cumulativeRegret() {
        return cumulativeRegret;
    }

    public synchronized double uniformRegret() {
        return uniformRegret;
    }

    public synchronized List<RegretPoint> regretPoints() {
        List<RegretPoint> points = new ArrayList<>(regret);
        points.add(new RegretPoint(decisions, cumulativeRegret, uniformRegret));
        return points;
    }

    /** Second of the run at which each scenario change took effect (by decision index). */
    public synchronized Map<Long, Long> changeSeconds() {
        return new TreeMap<>(changeSeconds);
    }

    /** Decisions per second, class and provider (provider order as in the scenario). */
    public synchronized TreeMap<Long, Map<String, long[]>> allocationBySecond() {
        TreeMap<Long, Map<String, long[]>> copy = new TreeMap<>();
        allocationBySecond.forEach((second, byClass) -> {
            Map<String, long[]> classes = new TreeMap<>();
            byClass.forEach((label, counts) -> classes.put(label, counts.clone()));
            copy.put(second, classes);
        });
        return copy;
    }

    /** Share of each provider in the last {@value #RECENT} decisions of a class. */
    public synchronized double[] recentShares(String label) {
        double[] shares = new double[scenario.providers().size()];
        ArrayDeque<Integer> window = recent.get(label);
        if (window == null || window.isEmpty()) {
            return shares;
        }
        for (int provider : window) {
            shares[provider] += 1.0 / window.size();
        }
        return shares;
    }

    /** Classes by number of decisions, most first. */
    public synchronized List<String> busiestClasses() {
        Map<String, Long> totals = new HashMap<>();
        allocationBySecond.values().forEach(byClass -> byClass.forEach((label, counts) -> {
            long sum = 0;
            for (long count : counts) {
                sum += count;
            }
            totals.merge(label, sum, Long::sum);
        }));
        return totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Share of the decisions sent to {@code provider} among decisions {@code [from, to)} of the classes where it
     * was the best provider at the start of the run; NaN when there are none.
     */
    public synchronized double shareWhereBest(int provider, long from, long to, World world) {
        long total = 0;
        long chosen = 0;
        for (long t = Math.max(0, from); t < Math.min(to, decisionsByIndex.size()); t++) {
            int[] decision = decisionsByIndex.get((int) t);
            if (bestAtStart(decision[0], world) != provider) {
                continue;
            }
            total++;
            if (decision[1] == provider) {
                chosen++;
            }
        }
        return total == 0 ? Double.NaN : (double) chosen / total;
    }

    static int bestAtStart(int trafficClass, World world) {
        int best = 0;
        for (int p = 1; p < world.scenario().providers().size(); p++) {
            if (world.expectedReward(trafficClass, p, 0) > world.expectedReward(trafficClass, best, 0)) {
                best = p;
            }
        }
        return best;
    }
}
