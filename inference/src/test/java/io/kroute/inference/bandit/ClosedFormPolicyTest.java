package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Epsilon-greedy, softmax, UCB1 and uniform: exact propensities checked against independent reference draws. */
class ClosedFormPolicyTest {

    private static final ArmView VIEW = TestStates.bernoulli(1, new double[] {0.4, 0.7, 0.55, 0.6},
            new int[] {50, 80, 30, 120}).view();

    @Test
    void shouldGiveEpsilonGreedyPropensitiesMatchingItsDefinition() {
        EpsilonGreedy policy = new EpsilonGreedy(new EpsilonGreedy.Config(0.2, 0));
        double[] p = policy.selectionProbabilities(VIEW, new SplittableRandom(1));

        // The definition, drawn directly: explore uniformly with probability epsilon, else exploit the best mean.
        double[] means = policy.expectations(VIEW);
        int best = argmax(means);
        SplittableRandom random = new SplittableRandom(2);
        int draws = 100_000;
        int[] counts = new int[VIEW.size()];
        for (int i = 0; i < draws; i++) {
            counts[random.nextDouble() < 0.2 ? random.nextInt(VIEW.size()) : best]++;
        }
        double[] empirical = TestStates.frequencies(counts, draws);

        assertThat(best).isEqualTo(1);
        assertThat(p[1]).isCloseTo(0.8 + 0.05, within(1e-12));
        assertThat(p[0]).isCloseTo(0.05, within(1e-12));
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isCloseTo(empirical[i], within(0.006));
        }
    }

    @Test
    void shouldDecayEpsilonWithEvidence() {
        EpsilonGreedy.Config config = new EpsilonGreedy.Config(0.2, 100);

        assertThat(EpsilonGreedy.epsilon(config, 0)).isEqualTo(0.2);
        assertThat(EpsilonGreedy.epsilon(config, 100)).isCloseTo(0.1, within(1e-12));
        assertThat(EpsilonGreedy.epsilon(config, 300)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void shouldGiveSoftmaxPropensitiesMatchingGumbelMaxDraws() {
        Softmax policy = new Softmax(new Softmax.Config(0.05));
        double[] p = policy.selectionProbabilities(VIEW, new SplittableRandom(1));

        // argmax(mean / T + Gumbel noise) is a softmax draw, computed without the closed form.
        double[] means = policy.expectations(VIEW);
        SplittableRandom random = new SplittableRandom(3);
        int draws = 100_000;
        int[] counts = new int[VIEW.size()];
        for (int n = 0; n < draws; n++) {
            double[] noisy = new double[means.length];
            for (int i = 0; i < means.length; i++) {
                noisy[i] = means[i] / 0.05 - Math.log(-Math.log(random.nextDouble()));
            }
            counts[argmax(noisy)]++;
        }
        double[] empirical = TestStates.frequencies(counts, draws);

        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).as("arm %d", i).isCloseTo(empirical[i], within(0.006));
        }
    }

    @Test
    void shouldKeepSoftmaxFiniteForExtremeTemperatures() {
        double[] p = Softmax.probabilities(new double[] {0.0, 1.0}, 1e-6);

        assertThat(p).containsExactly(0.0, 1.0);
    }

    @Test
    void shouldChooseTheArmWithTheHighestUpperBound() {
        // An arm with little evidence gets a large bonus: 2 rewards of mean 0.5 beat 1,000 of mean 0.6.
        BanditState state = BanditState.empty(Forgetting.none()).withArm("many", ArmPrior.UNIFORM)
                .withArm("few", ArmPrior.UNIFORM);
        for (int t = 0; t < 1000; t++) {
            state = state.withReward("many", t % 5 < 3 ? 1 : 0, t);
        }
        state = state.withReward("few", 1, 1000).withReward("few", 0, 1001);

        double[] scores = Ucb1.scores(state.view(), Math.sqrt(2));
        double[] p = new Ucb1(Ucb1.Config.UCB1).selectionProbabilities(state.view(), new SplittableRandom(1));

        double total = 1002 + 4;
        assertThat(scores[1]).isCloseTo(0.5 + Math.sqrt(2) * Math.sqrt(Math.log(total) / 4), within(1e-12));
        assertThat(p).containsExactly(0.0, 1.0);
    }

    @Test
    void shouldSplitTiesEvenly() {
        assertThat(Policy.argmaxDistribution(new double[] {0.3, 0.9, 0.9, 0.1})).containsExactly(0, 0.5, 0.5, 0);
    }

    @Test
    void shouldGiveEveryArmTheSameProbabilityUnderUniformChoice() {
        assertThat(new UniformRandom().selectionProbabilities(VIEW, new SplittableRandom(1)))
                .containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void shouldRejectInvalidConfigurations() {
        assertThatThrownBy(() -> new EpsilonGreedy.Config(1.5, 0))
                .hasMessage("epsilon: expected a number in [0, 1], found 1.5");
        assertThatThrownBy(() -> new Softmax.Config(0)).hasMessage("temperature: expected a finite number > 0, found 0.0");
        assertThatThrownBy(() -> new Ucb1.Config(Double.NaN)).hasMessageContaining("exploration");
        assertThatThrownBy(() -> new BanditConfig(Forgetting.none(), 1.0, ArmPrior.UNIFORM))
                .hasMessageContaining("explorationFloor");
        assertThatThrownBy(() -> new ArmPrior(0, 1)).hasMessage("alpha: expected a finite number > 0, found 0.0");
        assertThatThrownBy(() -> Forgetting.halfLife(-5)).hasMessageContaining("halfLife");
        assertThatThrownBy(() -> Forgetting.window(0, 4)).hasMessageContaining("bucketWidth");
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
