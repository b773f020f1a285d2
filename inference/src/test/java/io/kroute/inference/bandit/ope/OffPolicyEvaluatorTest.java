package io.kroute.inference.bandit.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.ArmPrior;
import io.kroute.inference.bandit.EpsilonGreedy;
import io.kroute.inference.bandit.Forgetting;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.sim.Scenario;
import io.kroute.inference.bandit.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OffPolicyEvaluatorTest {

    private final OffPolicyEvaluator evaluator = new OffPolicyEvaluator(0.95);

    /** A log from uniform choice between two arms of known Bernoulli means. */
    private static List<LoggedDecision> uniformLog(long seed, int n, double meanA, double meanB) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LoggedDecision> log = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = random.nextBoolean();
            double reward = random.nextDouble() < (a ? meanA : meanB) ? 1 : 0;
            log.add(new LoggedDecision("c", a ? "a" : "b", 0.5, reward));
        }
        return log;
    }

    @Test
    void shouldRecoverTheValueOfATargetPolicyFromAUniformLog() {
        List<LoggedDecision> log = uniformLog(1, 20_000, 0.8, 0.3);
        TargetPolicy target = TargetPolicy.fixed(Map.of("c", Map.of("a", 0.9, "b", 0.1)));
        double truth = 0.9 * 0.8 + 0.1 * 0.3;

        OffPolicyEvaluator.Result result = evaluator.evaluate(log, target, RewardModel.empiricalMeans(log));

        // One log: within three standard errors (the nominal 95% coverage is checked over many logs below).
        for (Estimate e : List.of(result.ips(), result.selfNormalizedIps(), result.doublyRobust())) {
            assertThat(e.value()).as(e.estimator()).isCloseTo(truth, within(3 * e.standardError()));
            assertThat(e.upper() - e.lower()).as(e.estimator()).isLessThan(0.05);
        }
        assertThat(result.doublyRobust().standardError()).isLessThan(result.ips().standardError());
    }

    @Test
    void shouldCoverTheTruthAtAboutTheNominalRateOverManyLogs() {
        TargetPolicy target = TargetPolicy.fixed(Map.of("c", Map.of("a", 1.0)));
        int covered = 0;
        int trials = 200;
        for (int seed = 0; seed < trials; seed++) {
            List<LoggedDecision> log = uniformLog(seed, 2000, 0.6, 0.4);
            if (evaluator.evaluate(log, target, RewardModel.empiricalMeans(log)).ips().covers(0.6)) {
                covered++;
            }
        }
        // 95% nominal; with 200 trials the observed rate falls in [0.91, 0.98] with high probability.
        assertThat((double) covered / trials).isBetween(0.91, 0.985);
    }

    @Test
    void shouldCoverTheSimulatedTrueValueOfAKnownPolicyFromAnEpsilonGreedyLog() throws Exception {
        Scenario scenario = Scenario.read(java.nio.file.Path.of("..", "bench", "scenarios", "stationary.json"));
        Simulator simulator = new Simulator(scenario);
        // Log with epsilon-greedy (every arm keeps probability >= epsilon / K) and the exact propensities it used.
        PolicyCatalog.Spec logging = new PolicyCatalog.Spec("epsilon-greedy",
                new EpsilonGreedy(new EpsilonGreedy.Config(0.3, 0)),
                new BanditConfig(Forgetting.none(), 0.0, ArmPrior.UNIFORM));
        List<LoggedDecision> log = new ArrayList<>();
        int decisions = 30_000;
        simulator.run(logging, decisions, 11, (t, trafficClass, choice, reward) ->
                log.add(new LoggedDecision(trafficClass, choice.arm(), choice.propensity(), reward)));
        // Candidate: a fixed provider per class, different from what the logger mostly chose for some classes.
        Map<String, Map<String, Double>> candidate = Map.of(
                "code", Map.of("delta", 1.0),
                "summarize", Map.of("boreal", 0.5, "cirrus", 0.5),
                "chat", Map.of("cirrus", 1.0));
        double truth = simulator.policyValue(candidate, decisions);

        OffPolicyEvaluator.Result result = evaluator.evaluate(log, TargetPolicy.fixed(candidate),
                RewardModel.empiricalMeans(log));

        assertThat(result.ips().covers(truth)).as("IPS %s vs %s", result.ips(), truth).isTrue();
        assertThat(result.selfNormalizedIps().covers(truth)).as("SNIPS").isTrue();
        assertThat(result.doublyRobust().covers(truth)).as("DR %s vs %s", result.doublyRobust(), truth).isTrue();
    }

    @Test
    void shouldCorrectABadRewardModelWithTheDoublyRobustEstimator() {
        List<LoggedDecision> log = uniformLog(3, 20_000, 0.7, 0.2);
        TargetPolicy target = TargetPolicy.fixed(Map.of("c", Map.of("a", 1.0)));

        OffPolicyEvaluator.Result result = evaluator.evaluate(log, target, (context, arm) -> 0.0);

        assertThat(result.doublyRobust().covers(0.7)).isTrue();
    }

    @Test
    void shouldRefuseLogsItCannotUse() {
        assertThatThrownBy(() -> new LoggedDecision("c", "a", 0, 1))
                .hasMessageStartingWith("propensity: expected a number in (0, 1], found 0.0");
        assertThatThrownBy(() -> new LoggedDecision("c", "a", 0.5, Double.NaN))
                .hasMessage("reward: expected a number in [0, 1], found NaN");
        assertThatThrownBy(() -> evaluator.evaluate(List.of(), c -> Map.of(), (c, a) -> 0))
                .hasMessage("log: expected at least 2 decisions, found 0");
        assertThatThrownBy(() -> new OffPolicyEvaluator(1.0)).hasMessageContaining("confidence");
    }

    @Test
    void shouldComputeNormalQuantiles() {
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(NormalQuantile.of(0.995)).isCloseTo(2.575829, within(1e-6));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.326348, within(1e-6));
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-12));
    }
}
