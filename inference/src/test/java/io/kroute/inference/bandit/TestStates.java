package io.kroute.inference.bandit;

import java.util.SplittableRandom;

/** Builds bandit states with known evidence for the policy tests. */
final class TestStates {

    private TestStates() {
    }

    /** Arms "a0".."a{k-1}", each given {@code counts[i]} Bernoulli rewards of mean {@code means[i]}. */
    static BanditState bernoulli(long seed, double[] means, int[] counts) {
        SplittableRandom random = new SplittableRandom(seed);
        BanditState state = BanditState.empty(Forgetting.none());
        for (int i = 0; i < means.length; i++) {
            state = state.withArm("a" + i, ArmPrior.UNIFORM);
        }
        long t = 0;
        for (int i = 0; i < means.length; i++) {
            for (int n = 0; n < counts[i]; n++) {
                state = state.withReward("a" + i, random.nextDouble() < means[i] ? 1 : 0, t++);
            }
        }
        return state;
    }

    static double[] frequencies(int[] counts, int total) {
        double[] f = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            f[i] = (double) counts[i] / total;
        }
        return f;
    }
}
