package io.kroute.inference.bandit.ope;

import java.util.HashMap;
import java.util.Map;

/**
 * A model of the expected reward of an arm in a context, used by the doubly robust estimator. The fitted model is
 * the mean logged reward per (context, arm), falling back to the arm's mean over all contexts and then to the mean
 * of the whole log.
 */
@FunctionalInterface
public interface RewardModel {

    double predict(String context, String arm);

    /** Fits the per-(context, arm) mean reward of {@code log}. */
    static RewardModel empiricalMeans(Iterable<LoggedDecision> log) {
        Map<String, double[]> byPair = new HashMap<>();
        Map<String, double[]> byArm = new HashMap<>();
        double[] all = new double[2];
        for (LoggedDecision d : log) {
            add(byPair.computeIfAbsent(d.context() + '\u0000' + d.arm(), k -> new double[2]), d.reward());
            add(byArm.computeIfAbsent(d.arm(), k -> new double[2]), d.reward());
            add(all, d.reward());
        }
        double overall = all[0] == 0 ? 0 : all[1] / all[0];
        return (context, arm) -> {
            double[] s = byPair.get(context + '\u0000' + arm);
            if (s == null) {
                s = byArm.get(arm);
            }
            return s == null ? overall : s[1] / s[0];
        };
    }

    private static void add(double[] sums, double reward) {
        sums[0] += 1;
        sums[1] += reward;
    }
}
