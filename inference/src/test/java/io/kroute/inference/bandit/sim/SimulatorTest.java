package io.kroute.inference.bandit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.PolicyCatalog;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static Scenario outage() throws IOException {
        ObjectNode s = ScenarioTest.minimal();
        ((ObjectNode) s.get("changes").get(0)).put("at", 6000).put("successProbability", 0.02);
        return Scenario.parse(s);
    }

    @Test
    void shouldRepeatARunExactlyWithTheSameSeed() throws IOException {
        Simulator simulator = new Simulator(outage());
        PolicyCatalog.Spec spec = PolicyCatalog.create("epsilon-greedy", 1000);

        assertThat(simulator.run(spec, 3000, 42)).isEqualTo(simulator.run(spec, 3000, 42));
        assertThat(simulator.run(spec, 3000, 43)).isNotEqualTo(simulator.run(spec, 3000, 42));
    }

    @Test
    void shouldComputeRegretAgainstTheBestArmOfTheMoment() throws IOException {
        Simulator simulator = new Simulator(outage());
        World world = simulator.world();

        SimulationResult run = simulator.run(PolicyCatalog.create("uniform", 1000), 8000, 1);

        // Uniform choice between two arms: the worse arm is chosen half the time, before and after the outage; the
        // count of such choices has a standard deviation of sqrt(n) / 2, allowed four times over.
        double gapBefore = world.expectedReward(0, 0, 0) - world.expectedReward(0, 1, 0);
        double gapAfter = world.expectedReward(0, 1, 7000) - world.expectedReward(0, 0, 7000);
        double slack = 4 * (Math.sqrt(6000) * gapBefore + Math.sqrt(2000) * gapAfter) / 2;
        assertThat(run.cumulativeRegret()).isCloseTo((6000 * gapBefore + 2000 * gapAfter) / 2, within(slack));
        assertThat(run.allocation().get("code").get("x").share()).isCloseTo(0.5, within(0.03));
        assertThat(run.cumulativeReward() + run.cumulativeRegret()).isCloseTo(run.oracleReward(), within(1e-3));
        assertThat(run.regretAtCheckpoints()).extracting(SimulationResult.Checkpoint::decision)
                .containsExactly(1000L, 2000L, 5000L, 8000L);
    }

    @Test
    void shouldMoveTrafficOffAnArmThatFailsAndReportHowFast() throws IOException {
        Simulator simulator = new Simulator(outage());

        SimulationResult run = simulator.run(PolicyCatalog.create("thompson", 1000, BanditConfig.Clock.REWARD_COUNT),
                10_000, 7);

        SimulationResult.ChangeOutcome change = run.changePoints().get(0);
        assertThat(change.degraded()).isTrue();
        assertThat(change.shareBefore()).isGreaterThan(0.8);
        assertThat(change.decisionsTo90PercentOff()).isNotNull().isLessThan(2000L);
        assertThat(run.allocation().get("code").get("y").share()).isGreaterThan(0.3);
    }

    @Test
    void shouldBeatUniformChoiceByFarWithDiscountedThompsonSampling() throws IOException {
        Simulator simulator = new Simulator(outage());

        double thompson = simulator.run(PolicyCatalog.create("thompson", 1000, BanditConfig.Clock.REWARD_COUNT),
                10_000, 3).cumulativeRegret();
        double uniform = simulator.run(PolicyCatalog.create("uniform", 1000), 10_000, 3).cumulativeRegret();

        assertThat(thompson).isLessThan(0.25 * uniform);
    }

    @Test
    void shouldForgetOnlyAfterAChangeWithChangeAwareDiscounting() throws IOException {
        Simulator withOutage = new Simulator(outage());
        ObjectNode calm = ScenarioTest.minimal();
        calm.remove("changes");
        Simulator withoutChange = new Simulator(Scenario.parse(calm));
        PolicyCatalog.Spec changeAware = PolicyCatalog.create("thompson", 1000, BanditConfig.Clock.REWARD_COUNT);
        PolicyCatalog.Spec stationary = PolicyCatalog.create("thompson-stationary", 1000, BanditConfig.Clock.REWARD_COUNT);
        PolicyCatalog.Spec discounted = PolicyCatalog.create("thompson-discounted", 1000, BanditConfig.Clock.REWARD_COUNT);

        // Nothing changes: no arm's recent rewards disagree with its history, so nothing is forgotten and the
        // decisions are those of Thompson sampling without forgetting.
        assertThat(withoutChange.run(changeAware, 10_000, 5).cumulativeRegret())
                .isEqualTo(withoutChange.run(stationary, 10_000, 5).cumulativeRegret());
        // After the outage it leaves the failed arm like plain discounting, far sooner than without forgetting.
        SimulationResult afterOutage = withOutage.run(changeAware, 10_000, 5);
        long off = afterOutage.changePoints().get(0).decisionsTo90PercentOff();
        assertThat(off).isLessThanOrEqualTo(2 * withOutage.run(discounted, 10_000, 5).changePoints().get(0)
                .decisionsTo90PercentOff());
        assertThat(off).isLessThan(withOutage.run(stationary, 10_000, 5).changePoints().get(0).decisionsTo90PercentOff());
    }

    @Test
    void shouldHoldBackRewardsForTheScenarioDelay() throws IOException {
        ObjectNode s = ScenarioTest.minimal();
        s.put("rewardDelay", 500);
        s.put("publishEvery", 1);
        Simulator simulator = new Simulator(Scenario.parse(s));

        SimulationResult run = simulator.run(PolicyCatalog.create("ucb1", 1000), 2000, 1);

        assertThat(run.rewardsApplied()).isEqualTo(1500);
    }

    @Test
    void shouldBinarizeRewardsForTheBernoulliModelAndRejectNone() throws IOException {
        SimulationResult run = new Simulator(outage()).run(PolicyCatalog.create("thompson-bernoulli", 1000), 2000, 1);

        assertThat(run.rewardRejections().values()).allMatch(count -> count == 0);
        assertThat(run.rewardsApplied()).isEqualTo(1999);
    }

    @Test
    void shouldComputeTheTrueValueOfAFixedPolicy() throws IOException {
        Simulator simulator = new Simulator(outage());
        World world = simulator.world();

        double value = simulator.policyValue(java.util.Map.of("code", java.util.Map.of("x", 1.0)), 8000);

        double expected = (6000 * world.expectedReward(0, 0, 0) + 2000 * world.expectedReward(0, 0, 7000)) / 8000;
        assertThat(value).isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldSampleRewardsWhoseMeanIsTheExpectedReward() throws IOException {
        World world = new World(outage());
        SplittableRandom random = new SplittableRandom(5);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += world.sampleReward(0, 1, 0, random);
        }

        assertThat(sum / n).isCloseTo(world.expectedReward(0, 1, 0), within(0.003));
    }
}
