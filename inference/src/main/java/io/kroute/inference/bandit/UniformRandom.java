package io.kroute.inference.bandit;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** The baseline: every arm with equal probability, whatever the evidence. */
public final class UniformRandom implements Policy {

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public double[] selectionProbabilities(ArmView view, RandomGenerator random) {
        double[] p = new double[view.size()];
        Arrays.fill(p, 1.0 / view.size());
        return p;
    }
}
