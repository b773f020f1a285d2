package io.kroute.inference.bandit.sim;

import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.bandit.Choice;
import io.kroute.inference.bandit.ContextualBandit;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.RewardRejections;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a policy against a scenario: per decision it draws a class, asks a {@link ContextualBandit} for a
 * provider, draws the call's reward from the {@link World}, and delivers it after the scenario's delay. Three
 * random streams derived from the seed drive classes, outcomes and the policy, so every policy sees the same
 * sequence of classes for one seed.
 */
public final class Simulator {

    /** Decisions of a class that make up the window in which its traffic share is measured after a change. */
    public static final int SHARE_WINDOW = 100;

    /** Evidence a class needs before its own statistics replace the global ones. */
    public static final double MIN_CLASS_EVIDENCE = 20;

    /** Sees every decision, e.g. to write a decision log for offline evaluation. */
    @FunctionalInterface
    public interface DecisionListener {
        void onDecision(long decision, String trafficClass, Choice choice, double reward);
    }

    private record PendingReward(long due, String trafficClass, String provider, double reward, long time) {
    }

    private final Scenario scenario;
    private final World world;
    private LeaderSchedule leaders;
    private long leadersFor = -1;

    public Simulator(Scenario scenario) {
        this.scenario = scenario;
        this.world = new World(scenario);
    }

    /** The scenario's new best providers over {@code decisions}, computed once and shared by every run. */
    public synchronized LeaderSchedule leaders(long decisions) {
        if (leadersFor != decisions) {
            leaders = LeaderSchedule.of(world, decisions);
            leadersFor = decisions;
        }
        return leaders;
    }

    public World world() {
        return world;
    }

    public SimulationResult run(PolicyCatalog.Spec spec, long decisions, long seed) {
        return run(spec, decisions, seed, null);
    }

    public SimulationResult run(PolicyCatalog.Spec spec, long decisions, long seed, DecisionListener listener) {
        if (decisions < 1) {
            throw new IllegalArgumentException("decisions: expected at least 1, found " + decisions);
        }
        Run run = new Run(spec, decisions, seed, listener);
        for (long t = 0; t < decisions; t++) {
            run.step(t);
        }
        return run.result();
    }

    /** The state of one run: the bandit, the random streams, the rewards in flight and what is measured. */
    private final class Run {
        private final PolicyCatalog.Spec spec;
        private final long decisions;
        private final long seed;
        private final DecisionListener listener;
        private final SplittableRandom classRandom;
        private final SplittableRandom outcomeRandom;
        private final ContextualBandit bandit;
        private final List<Scenario.Provider> providers = scenario.providers();
        private final List<Scenario.TrafficClass> classes = scenario.classes();
        private final int k = providers.size();
        private final Map<String, Integer> providerIndex = new LinkedHashMap<>();
        private final double[] classCumulative;
        private final double shareTotal;
        private final List<Long> checkpointAt;
        private final List<SimulationResult.Checkpoint> checkpoints = new ArrayList<>();
        private final long[][] allocation;
        private final int[][] recent;
        private final long[] classDecisions;
        private final List<ChangeTracker> trackers;
        private final NewlyBestTracker newlyBest;
        private final ArrayDeque<PendingReward> pending = new ArrayDeque<>();
        private final boolean binarize;
        private int nextCheckpoint;
        private long applied;
        private double regret;
        private double reward;
        private double oracle;

        Run(PolicyCatalog.Spec spec, long decisions, long seed, DecisionListener listener) {
            this.spec = spec;
            this.decisions = decisions;
            this.seed = seed;
            this.listener = listener;
            SplittableRandom root = new SplittableRandom(seed);
            this.classRandom = root.split();
            this.outcomeRandom = root.split();
            SplittableRandom policyRandom = root.split();
            this.bandit = new ContextualBandit(spec.policy(),
                    new ContextualBandit.Config(spec.config(), MIN_CLASS_EVIDENCE, scenario.publishEvery()),
                    BanditPriors.none(), policyRandom);
            for (int p = 0; p < k; p++) {
                bandit.addArm(providers.get(p).name());
                providerIndex.put(providers.get(p).name(), p);
            }
            this.classCumulative = new double[classes.size()];
            double total = 0;
            for (int c = 0; c < classes.size(); c++) {
                total += classes.get(c).share();
                classCumulative[c] = total;
            }
            this.shareTotal = total;
            this.checkpointAt = checkpoints(decisions);
            this.allocation = new long[classes.size()][k];
            this.recent = new int[classes.size()][SHARE_WINDOW];
            this.classDecisions = new long[classes.size()];
            this.trackers = trackers(decisions);
            this.newlyBest = new NewlyBestTracker(leaders(decisions), classes.size(), scenario.rewardDelay());
            this.binarize = spec.policy().requiresBinaryRewards();
        }

        void step(long t) {
            deliverDue(t);
            int c = drawClass(classCumulative, shareTotal, classRandom);
            String className = classes.get(c).name();
            for (ChangeTracker tracker : trackers) {
                // A class's first decision at or after the change point starts its count.
                if (tracker.classIndex == c && !tracker.started && t >= tracker.at) {
                    tracker.start(recent[c], classDecisions[c]);
                }
            }
            Choice choice = bandit.select(className);
            int p = providerIndex.get(choice.arm());
            account(c, p, t);
            double observed = world.sampleReward(c, p, t, outcomeRandom);
            if (listener != null) {
                listener.onDecision(t, className, choice, observed);
            }
            double learned = binarize ? (outcomeRandom.nextDouble() < observed ? 1 : 0) : observed;
            pending.addLast(new PendingReward(t + Math.max(1, scenario.rewardDelay()), className, choice.arm(),
                    learned, t));
            record(c, p, t);
        }

        private void deliverDue(long t) {
            while (!pending.isEmpty() && pending.peekFirst().due() <= t) {
                PendingReward r = pending.pollFirst();
                if (bandit.update(r.trafficClass(), r.provider(), r.reward(), r.time()).applied()) {
                    applied++;
                }
            }
        }

        /** Regret, reward and the oracle's reward of choosing {@code p} for class {@code c} at {@code t}. */
        private void account(int c, int p, long t) {
            double best = 0;
            for (int a = 0; a < k; a++) {
                best = Math.max(best, world.expectedReward(c, a, t));
            }
            double chosen = world.expectedReward(c, p, t);
            regret += best - chosen;
            oracle += best;
            reward += chosen;
        }

        private void record(int c, int p, long t) {
            newlyBest.observe(c, t, p);
            allocation[c][p]++;
            recent[c][(int) (classDecisions[c] % SHARE_WINDOW)] = p;
            classDecisions[c]++;
            for (ChangeTracker tracker : trackers) {
                if (tracker.classIndex == c) {
                    tracker.observe(p);
                }
            }
            while (nextCheckpoint < checkpointAt.size() && checkpointAt.get(nextCheckpoint) == t + 1) {
                checkpoints.add(new SimulationResult.Checkpoint(t + 1, round(regret)));
                nextCheckpoint++;
            }
        }

        SimulationResult result() {
            Map<String, Map<String, SimulationResult.Allocation>> allocations = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                Map<String, SimulationResult.Allocation> perProvider = new LinkedHashMap<>();
                for (int p = 0; p < k; p++) {
                    perProvider.put(providers.get(p).name(), new SimulationResult.Allocation(allocation[c][p],
                            classDecisions[c] == 0 ? 0 : round((double) allocation[c][p] / classDecisions[c])));
                }
                allocations.put(classes.get(c).name(), perProvider);
            }
            Map<String, Long> rejections = new LinkedHashMap<>();
            bandit.rejections().snapshot().forEach((reason, count) -> rejections.put(name(reason), count));
            return new SimulationResult(scenario.name(), spec.name(), decisions, seed, round(regret),
                    round(regret / decisions), round(reward), round(oracle), checkpoints, allocations,
                    trackers.stream().map(ChangeTracker::outcome).toList(), newlyBest.outcomes(scenario), applied,
                    rejections);
        }
    }

    /**
     * The true value of a fixed stochastic policy over this scenario: the mean over decisions and classes of its
     * expected reward, {@code sum_t sum_c share_c sum_a pi(a|c) mu(c, a, t) / decisions}.
     */
    public double policyValue(Map<String, Map<String, Double>> policy, long decisions) {
        List<Scenario.TrafficClass> classes = scenario.classes();
        double shareTotal = classes.stream().mapToDouble(Scenario.TrafficClass::share).sum();
        double total = 0;
        for (long t = 0; t < decisions; t++) {
            for (int c = 0; c < classes.size(); c++) {
                Map<String, Double> distribution = policy.get(classes.get(c).name());
                double value = 0;
                for (int p = 0; p < scenario.providers().size(); p++) {
                    value += distribution.getOrDefault(scenario.providers().get(p).name(), 0.0)
                            * world.expectedReward(c, p, t);
                }
                total += classes.get(c).share() / shareTotal * value;
            }
        }
        return total / decisions;
    }

    private static String name(RewardRejections.Reason reason) {
        return switch (reason) {
            case NOT_A_NUMBER -> "notANumber";
            case OUT_OF_RANGE -> "outOfRange";
            case NOT_BINARY -> "notBinary";
            case UNKNOWN_ARM -> "unknownArm";
        };
    }

    private static int drawClass(double[] cumulative, double total, SplittableRandom random) {
        double u = random.nextDouble() * total;
        for (int c = 0; c < cumulative.length - 1; c++) {
            if (u < cumulative[c]) {
                return c;
            }
        }
        return cumulative.length - 1;
    }

    static List<Long> checkpoints(long decisions) {
        List<Long> at = new ArrayList<>();
        for (long decade = 1000; decade < decisions; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (decade * step < decisions) {
                    at.add(decade * step);
                }
            }
        }
        at.add(decisions);
        return at;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private List<ChangeTracker> trackers(long decisions) {
        List<ChangeTracker> trackers = new ArrayList<>();
        for (Scenario.Change change : scenario.changes()) {
            if (change.at() >= decisions) {
                continue;
            }
            int p = indexOfProvider(change.provider());
            for (int c = 0; c < scenario.classes().size(); c++) {
                if (change.affects(scenario.classes().get(c).name())) {
                    double before = change.at() == 0 ? world.successProbability(c, p, 0)
                            : world.successProbability(c, p, change.at() - 1);
                    trackers.add(new ChangeTracker(change, c, p, before));
                }
            }
        }
        return trackers;
    }

    private int indexOfProvider(String name) {
        for (int p = 0; p < scenario.providers().size(); p++) {
            if (scenario.providers().get(p).name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("unknown provider " + name);
    }

    /** Follows one class's traffic on one provider after one change. */
    private final class ChangeTracker {
        final Scenario.Change change;
        final int classIndex;
        final int providerIndex;
        final long at;
        final double successBefore;
        final boolean[] window = new boolean[SHARE_WINDOW];
        boolean started;
        double shareBefore = Double.NaN;
        long seen;
        int onProvider;
        Long reached;

        ChangeTracker(Scenario.Change change, int classIndex, int providerIndex, double successBefore) {
            this.change = change;
            this.classIndex = classIndex;
            this.providerIndex = providerIndex;
            this.at = change.at();
            this.successBefore = successBefore;
        }

        boolean degraded() {
            return change.successProbability() < successBefore;
        }

        void start(int[] recentChoices, long decisionsSoFar) {
            started = true;
            long n = Math.min(decisionsSoFar, SHARE_WINDOW);
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (recentChoices[i] == providerIndex) {
                    count++;
                }
            }
            shareBefore = n == 0 ? 0 : (double) count / n;
        }

        void observe(int chosen) {
            if (!started || reached != null) {
                return;
            }
            int slot = (int) (seen % SHARE_WINDOW);
            if (seen >= SHARE_WINDOW && window[slot]) {
                onProvider--;
            }
            window[slot] = chosen == providerIndex;
            if (window[slot]) {
                onProvider++;
            }
            seen++;
            if (degraded() && seen >= SHARE_WINDOW && onProvider <= SHARE_WINDOW / 10) {
                reached = seen;
            }
        }

        SimulationResult.ChangeOutcome outcome() {
            return new SimulationResult.ChangeOutcome(at, change.provider(),
                    scenario.classes().get(classIndex).name(), successBefore, change.successProbability(), degraded(),
                    Double.isNaN(shareBefore) ? 0 : round(shareBefore), degraded() ? reached : null);
        }
    }
}
