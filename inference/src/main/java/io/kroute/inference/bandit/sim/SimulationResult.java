package io.kroute.inference.bandit.sim;

import java.util.List;
import java.util.Map;

/**
 * The summary of one simulated run. Regret is pseudo-regret: the sum over decisions of the best expected
 * reward of the moment minus the expected reward of the chosen provider.
 */
public record SimulationResult(String scenario, String policy, long decisions, long seed, double cumulativeRegret,
        double regretPerDecision, double cumulativeReward, double oracleReward, List<Checkpoint> regretAtCheckpoints,
        Map<String, Map<String, Allocation>> allocation, List<ChangeOutcome> changePoints, List<NewlyBest> newlyBest,
        long rewardsApplied, Map<String, Long> rewardRejections) {

    /**
     * A provider that became the best of a class at decision {@code at}, by {@code gap} in success probability over
     * the runner-up: the class's decisions until half of its last 100 went to it ({@code null}: not within its time
     * as the best), and how many of the class's decisions were made before the first reward after the change could
     * arrive. {@code measurable}: the provider stayed the best for at least 5,000 of the class's decisions beyond
     * those.
     */
    public record NewlyBest(long at, String provider, String trafficClass, double gap, boolean measurable,
            long delayDecisions, Long decisionsToHalf) {
    }

    public record Checkpoint(long decision, double cumulativeRegret) {
    }

    public record Allocation(long decisions, double share) {
    }

    /**
     * What one change did to one class. For a degraded provider, {@code decisionsTo90PercentOff} is the number of
     * the class's decisions after the change until the first window of its last 100 decisions with at most 10% on
     * that provider ({@code null} when the run ended first).
     */
    public record ChangeOutcome(long at, String provider, String trafficClass, double successBefore,
            double successAfter, boolean degraded, double shareBefore, Long decisionsTo90PercentOff) {
    }
}
