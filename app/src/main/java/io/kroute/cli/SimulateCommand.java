package io.kroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.ope.LoggedDecision;
import io.kroute.inference.bandit.ope.OffPolicyEvaluator;
import io.kroute.inference.bandit.ope.RewardModel;
import io.kroute.inference.bandit.sim.FixedPolicy;
import io.kroute.inference.bandit.sim.GeneratorSpec;
import io.kroute.inference.bandit.sim.RandomBenchmark;
import io.kroute.inference.bandit.sim.Scenario;
import io.kroute.inference.bandit.sim.SimulationResult;
import io.kroute.inference.bandit.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kroute simulate}: runs bandit policies against a simulated set of providers and prints a JSON summary. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a bandit policy against a scenario of simulated providers and prints one JSON summary",
            "(cumulativeRegret, regret at checkpoints, allocation per class and provider, recovery after changes).",
            "Policies: thompson-detect, cusum-ucb, thompson, thompson-discounted, thompson-fractional,",
            "thompson-bernoulli, thompson-stationary, thompson-window, ucb1, ucb1-discounted, epsilon-greedy, softmax,",
            "uniform, or 'all' to run every one with the same seed.",
            "With --random N instead of --scenario: the random benchmark, N instances drawn with seeds S to S + N - 1",
            "(docs/bandits.md)."
        })
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE.json", description = "Scenario file, e.g. bench/scenarios/one-outage.json.")
    Path scenarioFile;

    @Option(names = "--random", paramLabel = "N", description = {
        "Run the random benchmark on N generated instances (seeds S to S + N - 1) instead of one scenario;",
        "--policy then names the policies reported beside the reference set (default: every policy)."})
    Integer randomInstances;

    @Option(names = "--generator", paramLabel = "FILE.json", description = "Parameter ranges overriding the random benchmark's defaults.")
    Path generatorFile;

    @Option(names = "--threads", paramLabel = "T", description = "Instances run in parallel by the random benchmark (default: the number of processors).")
    Integer threads;

    @Option(names = "--policy", defaultValue = "thompson", paramLabel = "NAME", description = "Policy name or 'all' (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--decisions", defaultValue = "100000", paramLabel = "N", description = "Decisions to simulate (default: ${DEFAULT-VALUE}).")
    long decisions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed; the same seed repeats the run exactly (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--half-life", defaultValue = "2000", paramLabel = "TICKS", description = "Half-life of the discounted policies, in clock ticks (default: ${DEFAULT-VALUE}).")
    double halfLife;

    @Option(names = "--clock", defaultValue = "reward-count", paramLabel = "reward-count|event-time", description = {
        "What discounting counts: each bandit's own rewards (reward-count, default), or decisions of the whole",
        "stream (event-time: the decision index stands for time, as event time does in the topology)."})
    String clock;

    @Option(names = "--evaluate", paramLabel = "POLICY.json", description = {
        "Also estimate, from the run's decision log, the value of this fixed candidate policy",
        "(class -> provider -> probability) with IPS, self-normalised IPS and doubly robust estimators,",
        "and print them next to its true value in the scenario (single policy runs only)."})
    Path evaluate;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|table", description = "json (default) or a Markdown table of the main figures.")
    String format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String invalid = invalidOption();
        if (invalid != null) {
            err.println("simulate: " + invalid);
            return 2;
        }
        if (randomInstances != null) {
            return random(out, err);
        }
        List<PolicyCatalog.Spec> specs = new ArrayList<>();
        Scenario scenario;
        try {
            scenario = Scenario.read(scenarioFile);
            BanditConfig.Clock discountClock = clock.equals("reward-count") ? BanditConfig.Clock.REWARD_COUNT
                    : BanditConfig.Clock.EVENT_TIME;
            for (String name : policy.equals("all") ? PolicyCatalog.NAMES : List.of(policy)) {
                specs.add(PolicyCatalog.create(name, halfLife, discountClock));
            }
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Simulator simulator = new Simulator(scenario);
        if (evaluate != null) {
            if (specs.size() != 1 || !format.equals("json")) {
                err.println("simulate: --evaluate: expected one --policy (the logging policy) and JSON output");
                return 2;
            }
            return runAndEvaluate(simulator, specs.get(0), scenario, mapper, out, err);
        }
        List<SimulationResult> results = new ArrayList<>();
        for (PolicyCatalog.Spec s : specs) {
            results.add(simulator.run(s, decisions, seed));
        }
        print(results, scenario, mapper, out);
        return 0;
    }

    /** What is wrong with the options, or null when nothing is. */
    private String invalidOption() {
        if (!format.equals("json") && !format.equals("table")) {
            return "--format: expected json or table, found '" + format + "'";
        }
        if ((scenarioFile == null) == (randomInstances == null)) {
            return "expected one of --scenario FILE.json or --random N, found " + (scenarioFile == null ? "neither" : "both");
        }
        if (scenarioFile != null && !Files.isRegularFile(scenarioFile)) {
            return "--scenario: expected a readable scenario file, found no file at " + scenarioFile;
        }
        if (!clock.equals("reward-count") && !clock.equals("event-time")) {
            return "--clock: expected reward-count or event-time, found '" + clock + "'";
        }
        if (decisions < 1) {
            return "--decisions: expected at least 1, found " + decisions;
        }
        return null;
    }

    /** The random benchmark: every policy of the reference set and the requested ones on generated instances. */
    private Integer random(PrintWriter out, PrintWriter err) throws IOException {
        RandomBenchmark.Result result;
        try {
            GeneratorSpec generator = generatorFile == null ? GeneratorSpec.DEFAULT : GeneratorSpec.read(generatorFile);
            BanditConfig.Clock discountClock = clock.equals("reward-count") ? BanditConfig.Clock.REWARD_COUNT
                    : BanditConfig.Clock.EVENT_TIME;
            List<String> names = policy.equals("all") || !spec.commandLine().getParseResult().hasMatchedOption("--policy")
                    ? PolicyCatalog.NAMES : List.of(policy);
            names.forEach(name -> PolicyCatalog.create(name, halfLife, discountClock)); // validates the names
            int parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            result = new RandomBenchmark(generator).run(new RandomBenchmark.Options(randomInstances, seed, decisions,
                    parallel, names, halfLife, discountClock));
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("simulate: --generator: expected a readable generator file, found no file at " + generatorFile);
            return 2;
        }
        out.print(format.equals("table") ? RandomBenchmark.table(result)
                : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n");
        out.flush();
        return 0;
    }

    /** One run of the logging policy, then the candidate's value estimated from its log beside its true value. */
    private int runAndEvaluate(Simulator simulator, PolicyCatalog.Spec logging, Scenario scenario, ObjectMapper mapper,
            PrintWriter out, PrintWriter err) throws IOException {
        FixedPolicy candidate;
        try {
            candidate = FixedPolicy.parse(mapper.readTree(Files.readAllBytes(evaluate)), scenario);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("simulate: --evaluate " + evaluate + ": " + e.getMessage());
            return 2;
        }
        List<LoggedDecision> log = new ArrayList<>();
        SimulationResult result = simulator.run(logging, decisions, seed, (t, trafficClass, choice, reward) ->
                log.add(new LoggedDecision(trafficClass, choice.arm(), choice.propensity(), reward)));
        OffPolicyEvaluator.Result estimates = new OffPolicyEvaluator(0.95).evaluate(log, candidate.asTarget(),
                RewardModel.empiricalMeans(log));
        ObjectNode summary = mapper.valueToTree(result);
        ObjectNode ope = summary.putObject("offPolicyEvaluation");
        ope.put("candidate", evaluate.toString());
        ope.put("trueValue", simulator.policyValue(candidate.byClass(), decisions));
        ope.set("ips", mapper.valueToTree(estimates.ips()));
        ope.set("selfNormalizedIps", mapper.valueToTree(estimates.selfNormalizedIps()));
        ope.set("doublyRobust", mapper.valueToTree(estimates.doublyRobust()));
        ope.put("maxImportanceWeight", estimates.maxWeight());
        out.println(mapper.writeValueAsString(summary));
        out.flush();
        return 0;
    }

    private void print(List<SimulationResult> results, Scenario scenario, ObjectMapper mapper, PrintWriter out)
            throws IOException {
        if (format.equals("table")) {
            out.print(table(results));
        } else if (results.size() == 1) {
            out.println(mapper.writeValueAsString(results.get(0)));
        } else {
            ObjectNode all = mapper.createObjectNode();
            all.put("scenario", scenario.name());
            all.put("decisions", decisions);
            all.put("seed", seed);
            ArrayNode array = all.putArray("results");
            results.forEach(r -> array.add(mapper.valueToTree(r)));
            out.println(mapper.writeValueAsString(all));
        }
        out.flush();
    }

    private static String table(List<SimulationResult> results) {
        double uniform = results.stream().filter(r -> r.policy().equals("uniform"))
                .mapToDouble(SimulationResult::cumulativeRegret).findFirst().orElse(Double.NaN);
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | policy | cumulative regret | × uniform | regret at 10% | worst decisions to 90% off |\n");
        sb.append("|---|---|---:|---:|---:|---:|\n");
        for (SimulationResult r : results) {
            long tenth = Math.max(1, r.decisions() / 10);
            double early = r.regretAtCheckpoints().stream().filter(c -> c.decision() >= tenth).findFirst()
                    .map(SimulationResult.Checkpoint::cumulativeRegret).orElse(Double.NaN);
            String recovery = r.changePoints().stream().filter(SimulationResult.ChangeOutcome::degraded)
                    .map(c -> c.decisionsTo90PercentOff() == null ? Long.MAX_VALUE : c.decisionsTo90PercentOff())
                    .max(Long::compare).map(v -> v == Long.MAX_VALUE ? "not reached" : Long.toString(v)).orElse("—");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %.1f | %s |%n", r.scenario(), r.policy(),
                    r.cumulativeRegret(), r.cumulativeRegret() / uniform, early, recovery));
        }
        return sb.toString();
    }
}
