package io.kroute.bench.bandit;

import io.kroute.inference.bandit.ArmBandit;
import io.kroute.inference.bandit.BanditState;
import io.kroute.inference.bandit.Choice;
import io.kroute.inference.bandit.PolicyCatalog;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one provider decision among 8 arms, propensity included.
 *
 * <p>{@code select}: the state is reused, as between two arm-state batches in the topology; the policy's
 * distribution is already computed. {@code selectAfterStateChange}: every decision sees a new state version (two
 * states alternate), so each pays for computing the distribution first: for {@code thompson-detect} that is the
 * quadrature of its propensities, for the other Thompson policies the Monte Carlo estimate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectionBenchmark {

    static final int ARMS = 8;

    @Param({"thompson-detect", "cusum-ucb", "thompson", "ucb1", "epsilon-greedy", "softmax", "uniform"})
    public String policy;

    private ArmBandit bandit;
    private BanditState[] states;
    private int next;

    @Setup
    public void setUp() {
        PolicyCatalog.Spec spec = PolicyCatalog.create(policy, PolicyCatalog.DEFAULT_HALF_LIFE);
        bandit = new ArmBandit(spec.policy(), spec.config(), new SplittableRandom(1));
        for (int arm = 0; arm < ARMS; arm++) {
            bandit.addArm("provider-" + arm);
        }
        // Realistic evidence: arm i succeeds with probability 0.80 + 0.02 i, 8,000 rewards in all.
        SplittableRandom world = new SplittableRandom(2);
        states = new BanditState[2];
        for (int t = 0; t < 8000; t++) {
            int arm = t % ARMS;
            bandit.update("provider-" + arm, world.nextDouble() < 0.80 + 0.02 * arm ? 1 : 0, t);
            if (t == 7998) {
                states[0] = bandit.working();
            }
        }
        states[1] = bandit.working();
        bandit.publish();
        bandit.distribution();
    }

    @Benchmark
    public Choice select() {
        return bandit.select();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Choice selectAfterStateChange() {
        next ^= 1;
        bandit.replacePublished(states[next]);
        return bandit.select();
    }
}
