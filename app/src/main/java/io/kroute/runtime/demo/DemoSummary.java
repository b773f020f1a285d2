package io.kroute.runtime.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing figures. Prompts reconcile when every prompt sent has exactly one outcome; rewards
 * reconcile when every reward sent was either folded into an arm or counted as unmatched by kroute.
 *
 * @param rewardsFolded rewards sent by the workers that kroute folded into an arm (not the default rewards
 *     kroute folds for decisions that got none in time); negative when unknown (kroute runs elsewhere)
 * @param rewardsUnmatched by reason (no pending decision, late, duplicate, ...); empty when unknown
 * @param outageProvider the provider of the scenario's first change, or null
 * @param shareBefore its share of decisions in the classes it served best, before the change
 * @param shareAfter the same once the bandits had time to notice (from 200 decisions after the change until its
 *     recovery, if any)
 * @param recovery when a later change of the same provider raises it again, how much of that traffic came back
 * @param routing the routing rules at work
 */
public record DemoSummary(String scenario, String policy, double seconds, double rate, long seed,
        long promptsSent, long decisions, long quarantined, long deadLetters, long duplicateOutcomes,
        long rewardsSent, long rewardsFolded, long defaultRewards, Map<String, Long> rewardsUnmatched,
        double cumulativeRegret, double uniformRegret, String outageProvider, long outageAt, double shareBefore,
        double shareAfter, Recovery recovery, RoutingTally routing) {

    /**
     * A provider that recovers (or ships a better model) at decision {@code at}: its share of its former classes
     * from {@link #SETTLE} decisions after that to the end of the run.
     */
    public record Recovery(long at, double share) {
        /** Decisions the bandits are given to notice a change before shares are measured. */
        public static final long SETTLE = 200;
    }

    public long unmatchedTotal() {
        return rewardsUnmatched.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean promptsReconcile() {
        return promptsSent == decisions + quarantined + deadLetters && duplicateOutcomes == 0;
    }

    public boolean rewardsKnown() {
        return rewardsFolded >= 0;
    }

    public boolean rewardsReconcile() {
        return rewardsKnown() && rewardsSent == rewardsFolded + unmatchedTotal();
    }

    public boolean reconciles() {
        return promptsReconcile() && (!rewardsKnown() || rewardsReconcile());
    }

    /** The summary as printed at the end of the demo. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "kroute demo: scenario %s, policy %s, %.0f s at %.0f prompts/s, seed %d",
                scenario, policy, seconds, rate, seed));
        lines.add(String.format(Locale.ROOT, "  prompts in   %6d = decisions %d + quarantined %d + dead letters %d   %s",
                promptsSent, decisions, quarantined, deadLetters, promptsReconcile() ? "[reconciled]"
                        : "[MISMATCH: " + (decisions + quarantined + deadLetters) + " outcomes, " + duplicateOutcomes
                                + " duplicates]"));
        if (rewardsKnown()) {
            lines.add(String.format(Locale.ROOT, "  rewards in   %6d = folded %d + unmatched %d %s   %s", rewardsSent,
                    rewardsFolded, unmatchedTotal(), rewardsUnmatched.isEmpty() ? "" : rewardsUnmatched,
                    rewardsReconcile() ? "[reconciled]" : "[MISMATCH: " + (rewardsFolded + unmatchedTotal()) + "]"));
            lines.add(String.format(Locale.ROOT, "  default rewards folded for decisions with no reward in time: %d",
                    defaultRewards));
        } else {
            lines.add(String.format(Locale.ROOT, "  rewards sent %6d (folded and unmatched are on kroute's /metrics)",
                    rewardsSent));
        }
        lines.add(String.format(Locale.ROOT, "  cumulative regret %.1f over %d decisions (uniform random routing: %.1f;"
                + " both against the best eligible provider)", cumulativeRegret, decisions, uniformRegret));
        if (outageProvider != null) {
            lines.add(String.format(Locale.ROOT,
                    "  %s fails from decision %d: its share where it was best went from %s before to %s after",
                    outageProvider, outageAt, percent(shareBefore), percent(shareAfter)));
        }
        if (outageProvider != null && recovery != null) {
            lines.add(String.format(Locale.ROOT,
                    "  %s recovers at decision %d: its share where it was best came back to %s", outageProvider,
                    recovery.at(), percent(recovery.share())));
        }
        lines.addAll(routing.lines());
        return lines;
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a (not reached)" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
