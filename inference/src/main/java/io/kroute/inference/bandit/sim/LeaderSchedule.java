package io.kroute.inference.bandit.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * When each class gets a new best provider in a scenario: every decision at which the provider with the highest
 * expected reward for a class differs from the one before (not counting the start), with the gap in success
 * probability between it and the runner-up at the end of its time as the best. Computed once per scenario and
 * shared by every policy run on it.
 */
public final class LeaderSchedule {

    /**
     * A provider that became the best of its class at decision {@code at} and stayed the best until {@code until}
     * (exclusive: the next new best, or the end of the run).
     */
    public record Period(int classIndex, int provider, long at, long until, double gap) {
    }

    private final List<List<Period>> byClass;

    private LeaderSchedule(List<List<Period>> byClass) {
        this.byClass = byClass;
    }

    public static LeaderSchedule of(World world, long decisions) {
        Scenario scenario = world.scenario();
        int classes = scenario.classes().size();
        int k = scenario.providers().size();
        List<List<Period>> byClass = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            List<Period> periods = new ArrayList<>();
            int leader = best(world, c, k, 0);
            long start = -1;
            for (long t = 1; t < decisions; t++) {
                if (!world.changesAt(c, t)) {
                    continue;
                }
                int now = best(world, c, k, t);
                if (now != leader) {
                    if (start >= 0) {
                        periods.add(period(world, c, k, leader, start, t));
                    }
                    leader = now;
                    start = t;
                }
            }
            if (start >= 0) {
                periods.add(period(world, c, k, leader, start, decisions));
            }
            byClass.add(List.copyOf(periods));
        }
        return new LeaderSchedule(byClass);
    }

    private static Period period(World world, int c, int k, int provider, long at, long until) {
        long end = until - 1;
        int runnerUp = -1;
        for (int p = 0; p < k; p++) {
            if (p != provider && (runnerUp < 0 || world.expectedReward(c, p, end) > world.expectedReward(c, runnerUp, end))) {
                runnerUp = p;
            }
        }
        double gap = runnerUp < 0 ? 1 : world.successProbability(c, provider, end) - world.successProbability(c, runnerUp, end);
        return new Period(c, provider, at, until, gap);
    }

    private static int best(World world, int c, int k, long t) {
        int best = 0;
        for (int p = 1; p < k; p++) {
            if (world.expectedReward(c, p, t) > world.expectedReward(c, best, t)) {
                best = p;
            }
        }
        return best;
    }

    public List<Period> periods(int classIndex) {
        return byClass.get(classIndex);
    }
}
