package io.kroute.inference.bandit.sim;

import java.util.List;
import java.util.Map;

/**
 * The summary of one simulated run. Regret is pseudo-regret: the sum over decisions of the best expected
 * reward of the moment minus the expected reward of the chosen provider.
 */
public record SimulationResult(String scenario, String policy, long decisions, long seed, double cumulativeRegret,
        double regretPerDecision, double cumulativeReward, double oracleReward, List<Checkpoint> regretAtCheckpoints,
        Map<String, Map<String, Allocation>> allocation, List<ChangeOutcome> changePoints, long rewardsApplied,
        Map<String, Long> rewardRejections) {

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
