package io.kroute.inference.bandit.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows how fast a policy moves traffic to a class's new best provider: for every period of the
 * {@link LeaderSchedule}, the number of the class's decisions from its start until the first window of the class's
 * last {@value #WINDOW} decisions with at least half on the new best provider. A period is measurable when it lasts
 * at least {@value #HORIZON} of the class's decisions beyond those made while the first rewards were still delayed.
 */
final class NewlyBestTracker {

    static final int WINDOW = 100;
    static final int HORIZON = 5_000;

    private final LeaderSchedule schedule;
    private final long delay;
    private final int[] next;
    private final long[] seen;
    private final long[] duringDelay;
    private final int[] onProvider;
    private final boolean[][] window;
    private final Long[][] reached;
    private final long[][] seenInPeriod;
    private final long[][] delayDecisions;

    NewlyBestTracker(LeaderSchedule schedule, int classes, long delay) {
        this.schedule = schedule;
        this.delay = delay;
        next = new int[classes];
        seen = new long[classes];
        duringDelay = new long[classes];
        onProvider = new int[classes];
        window = new boolean[classes][WINDOW];
        reached = new Long[classes][];
        seenInPeriod = new long[classes][];
        delayDecisions = new long[classes][];
        for (int c = 0; c < classes; c++) {
            int periods = schedule.periods(c).size();
            reached[c] = new Long[periods];
            seenInPeriod[c] = new long[periods];
            delayDecisions[c] = new long[periods];
        }
        java.util.Arrays.fill(next, -1);
    }

    /** One decision of class {@code c} at decision {@code t}, on provider {@code p}. */
    void observe(int c, long t, int p) {
        List<LeaderSchedule.Period> periods = schedule.periods(c);
        int i = next[c];
        while (i + 1 < periods.size() && periods.get(i + 1).at() <= t) {
            i++;
            seen[c] = 0;
            duringDelay[c] = 0;
            onProvider[c] = 0;
            java.util.Arrays.fill(window[c], false);
        }
        next[c] = i;
        if (i < 0 || t >= periods.get(i).until()) {
            return;
        }
        LeaderSchedule.Period period = periods.get(i);
        seenInPeriod[c][i]++;
        if (t < period.at() + delay) {
            delayDecisions[c][i]++;
        }
        if (reached[c][i] != null) {
            return;
        }
        int slot = (int) (seen[c] % WINDOW);
        if (seen[c] >= WINDOW && window[c][slot]) {
            onProvider[c]--;
        }
        window[c][slot] = p == period.provider();
        if (window[c][slot]) {
            onProvider[c]++;
        }
        seen[c]++;
        if (seen[c] >= WINDOW && 2 * onProvider[c] >= WINDOW) {
            reached[c][i] = seen[c];
        }
    }

    List<SimulationResult.NewlyBest> outcomes(Scenario scenario) {
        List<SimulationResult.NewlyBest> out = new ArrayList<>();
        for (int c = 0; c < reached.length; c++) {
            List<LeaderSchedule.Period> periods = schedule.periods(c);
            for (int i = 0; i < periods.size(); i++) {
                LeaderSchedule.Period period = periods.get(i);
                boolean measurable = seenInPeriod[c][i] >= HORIZON + delayDecisions[c][i];
                out.add(new SimulationResult.NewlyBest(period.at(), scenario.providers().get(period.provider()).name(),
                        scenario.classes().get(c).name(), Math.round(period.gap() * 1e4) / 1e4, measurable,
                        delayDecisions[c][i], reached[c][i]));
            }
        }
        return out;
    }
}
