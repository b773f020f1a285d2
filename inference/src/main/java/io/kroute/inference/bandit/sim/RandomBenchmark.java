package io.kroute.inference.bandit.sim;

import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.PolicyCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The random benchmark: instance {@code i} of a run with seed {@code S} is the scenario the generator draws with
 * seed {@code S + i}, simulated with that same seed for every policy of the fixed reference set
 * ({@link PolicyCatalog#REFERENCE}) and every other requested one. Instances run in parallel; each result depends
 * only on its seed, so a run repeats exactly whatever the number of threads.
 *
 * <p>Per policy it reports, over the instances, the median, 90th percentile and worst of the floored ratios
 * {@code (R + 100) / (R_best + 100)}, with {@code R_best} the lowest regret of the reference set on the instance, and
 * {@code (R + 100) / (R_uniform + 100)}; and the median number of a class's decisions until a newly best provider
 * with a gap of at least {@value #TARGET_GAP} gets half of the class's traffic, over the measurable ones (a
 * provider never reaching half counts as infinitely slow), also with the decisions made while the rewards were
 * still delayed taken off.
 */
public final class RandomBenchmark {

    /** Added to every regret before a ratio, so instances with almost no regret do not dominate. */
    public static final double REGRET_FLOOR = 100;

    /** Success-probability gap of the new best providers the adoption figure counts. */
    public static final double TARGET_GAP = 0.1;

    public record Options(int instances, long seed, long decisions, int threads, List<String> policies,
            double halfLife, BanditConfig.Clock clock) {
        public Options {
            if (instances < 1) {
                throw new IllegalArgumentException("instances: expected at least 1, found " + instances);
            }
            if (decisions < 1) {
                throw new IllegalArgumentException("decisions: expected at least 1, found " + decisions);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads: expected at least 1, found " + threads);
            }
            policies = List.copyOf(policies);
        }
    }

    /** The figures of one policy over all instances; {@code null} where nothing was measured. */
    public record PolicySummary(String policy, boolean reference, double medianVsBest, double p90VsBest,
            double worstVsBest, double medianVsUniform, double p90VsUniform, double worstVsUniform,
            int newlyBestMeasured, Double medianDecisionsToHalf, Double medianDecisionsToHalfAfterDelay) {
    }

    public record Result(long firstSeed, long lastSeed, int instances, long decisions, List<String> referenceSet,
            GeneratorSpec generator, List<PolicySummary> policies) {
    }

    /** One instance: the regret of every policy, and its adoption figures. */
    record Instance(long seed, double[] regret, List<List<SimulationResult.NewlyBest>> newlyBest) {
    }

    private final GeneratorSpec spec;

    public RandomBenchmark(GeneratorSpec spec) {
        this.spec = spec;
    }

    public Result run(Options options) {
        List<String> names = policyNames(options.policies());
        List<Instance> instances = runAll(options, names);
        int uniform = names.indexOf("uniform");
        List<PolicySummary> summaries = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            if (!options.policies().contains(names.get(p))) {
                continue;
            }
            double[] vsBest = new double[instances.size()];
            double[] vsUniform = new double[instances.size()];
            List<Double> toHalf = new ArrayList<>();
            List<Double> afterDelay = new ArrayList<>();
            for (int i = 0; i < instances.size(); i++) {
                Instance instance = instances.get(i);
                double best = Double.POSITIVE_INFINITY;
                for (int r = 0; r < names.size(); r++) {
                    if (PolicyCatalog.REFERENCE.contains(names.get(r))) {
                        best = Math.min(best, instance.regret()[r]);
                    }
                }
                vsBest[i] = (instance.regret()[p] + REGRET_FLOOR) / (best + REGRET_FLOOR);
                vsUniform[i] = (instance.regret()[p] + REGRET_FLOOR) / (instance.regret()[uniform] + REGRET_FLOOR);
                for (SimulationResult.NewlyBest event : instance.newlyBest().get(p)) {
                    if (event.measurable() && event.gap() >= TARGET_GAP) {
                        Long n = event.decisionsToHalf();
                        toHalf.add(n == null ? Double.POSITIVE_INFINITY : n);
                        afterDelay.add(n == null ? Double.POSITIVE_INFINITY : Math.max(0, n - event.delayDecisions()));
                    }
                }
            }
            summaries.add(new PolicySummary(names.get(p), PolicyCatalog.REFERENCE.contains(names.get(p)),
                    round(quantile(vsBest, 0.5)), round(quantile(vsBest, 0.9)), round(quantile(vsBest, 1)),
                    round(quantile(vsUniform, 0.5)), round(quantile(vsUniform, 0.9)), round(quantile(vsUniform, 1)),
                    toHalf.size(), median(toHalf), median(afterDelay)));
        }
        return new Result(options.seed(), options.seed() + options.instances() - 1, options.instances(),
                options.decisions(), PolicyCatalog.REFERENCE, spec, summaries);
    }

    /** The reference set, in its order, then the requested policies outside it. */
    static List<String> policyNames(List<String> requested) {
        Set<String> names = new LinkedHashSet<>(PolicyCatalog.REFERENCE);
        names.addAll(requested);
        return List.copyOf(names);
    }

    private List<Instance> runAll(Options options, List<String> names) {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<Instance>> futures = new ArrayList<>();
            for (int i = 0; i < options.instances(); i++) {
                long seed = options.seed() + i;
                futures.add(pool.submit(() -> runInstance(seed, options, names)));
            }
            List<Instance> instances = new ArrayList<>(futures.size());
            for (Future<Instance> future : futures) {
                instances.add(future.get());
            }
            return instances;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("random benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("random benchmark: an instance failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    Instance runInstance(long seed, Options options, List<String> names) {
        Scenario scenario = new ScenarioGenerator(spec).generate(seed, options.decisions());
        Simulator simulator = new Simulator(scenario);
        double[] regret = new double[names.size()];
        List<List<SimulationResult.NewlyBest>> newlyBest = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            SimulationResult result = simulator.run(PolicyCatalog.create(names.get(p), options.halfLife(),
                    options.clock()), options.decisions(), seed);
            regret[p] = result.cumulativeRegret();
            newlyBest.add(result.newlyBest());
        }
        return new Instance(seed, regret, newlyBest);
    }

    /** The {@code q} quantile by the nearest-rank method (q = 1: the largest). */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double m = quantile(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
        return Double.isInfinite(m) ? null : m;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The summary as a Markdown table. */
    public static String table(Result result) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Random benchmark: seeds %d to %d, %d decisions each%n%n",
                result.firstSeed(), result.lastSeed(), result.decisions()));
        sb.append("| policy | vs best: median | p90 | worst | vs uniform: median | p90 | worst "
                + "| new best (gap >= 0.1): median decisions to half | after the delay | measured |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PolicySummary s : result.policies()) {
            sb.append(String.format(Locale.ROOT, "| %s%s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s | %d |%n",
                    s.policy(), s.reference() ? "" : " (not in the reference set)", s.medianVsBest(), s.p90VsBest(),
                    s.worstVsBest(), s.medianVsUniform(), s.p90VsUniform(), s.worstVsUniform(),
                    count(s.medianDecisionsToHalf()), count(s.medianDecisionsToHalfAfterDelay()),
                    s.newlyBestMeasured()));
        }
        return sb.toString();
    }

    private static String count(Double value) {
        return value == null ? "not reached" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
