package io.kroute.inference.bandit.sim;

import io.kroute.inference.bandit.BetaSampler;
import io.kroute.inference.bandit.RewardFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The ground truth of a scenario: success probability of every (class, provider) at every decision, the
 * expected reward that follows from it, and random call outcomes drawn from it.
 */
public final class World {

    /** Concentration of the Beta the quality score is drawn from. */
    static final double QUALITY_CONCENTRATION = 20;

    private final Scenario scenario;
    private final RewardFunction rewardFunction;
    private final double[] rewardGivenSuccess;
    private final double[][] baseSuccess;
    private final List<List<List<Scenario.Change>>> changes;

    public World(Scenario scenario) {
        this.scenario = scenario;
        this.rewardFunction = new RewardFunction(scenario.reward());
        int classes = scenario.classes().size();
        int providers = scenario.providers().size();
        rewardGivenSuccess = new double[providers];
        RewardFunction.Weights w = scenario.reward();
        double total = w.success() + w.quality() + w.latency() + w.cost();
        for (int p = 0; p < providers; p++) {
            Scenario.Provider provider = scenario.providers().get(p);
            rewardGivenSuccess[p] = (w.success() + w.quality() * provider.quality()
                    + w.latency() * expectedLatencyTerm(provider) + w.cost() * rewardFunction.costTerm(provider.costPerCall()))
                    / total;
        }
        baseSuccess = new double[classes][providers];
        changes = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String className = scenario.classes().get(c).name();
            List<List<Scenario.Change>> perProvider = new ArrayList<>();
            for (int p = 0; p < providers; p++) {
                String providerName = scenario.providers().get(p).name();
                baseSuccess[c][p] = scenario.successProbability().get(className).get(providerName);
                List<Scenario.Change> list = new ArrayList<>();
                for (Scenario.Change change : scenario.changes()) {
                    if (change.provider().equals(providerName) && change.affects(className)) {
                        list.add(change);
                    }
                }
                list.sort((a, b) -> Long.compare(a.at(), b.at()));
                perProvider.add(list);
            }
            changes.add(perProvider);
        }
    }

    /** E[latencyTerm] for log-normal latency, by Simpson's rule over the standard normal on [-10, 10]. */
    private double expectedLatencyTerm(Scenario.Provider provider) {
        if (provider.latencySigma() == 0) {
            return rewardFunction.latencyTerm(provider.latencyMedianMs());
        }
        int intervals = 4000;
        double lo = -10;
        double h = 20.0 / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double z = lo + i * h;
            double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            double density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            sum += weight * density * rewardFunction.latencyTerm(provider.latencyMedianMs() * Math.exp(provider.latencySigma() * z));
        }
        return sum * h / 3;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Success probability of provider {@code p} in class {@code c} at decision {@code t}. */
    public double successProbability(int c, int p, long t) {
        double value = baseSuccess[c][p];
        for (Scenario.Change change : changes.get(c).get(p)) {
            if (t < change.at()) {
                break;
            }
            long end = change.at() + change.rampDecisions();
            if (t >= end) {
                value = change.successProbability();
            } else {
                double progress = (double) (t - change.at()) / change.rampDecisions();
                return value + (change.successProbability() - value) * progress;
            }
        }
        return value;
    }

    /** Whether a change of class {@code c} starts at decision {@code t} or ramps through it. */
    public boolean changesAt(int c, long t) {
        for (List<Scenario.Change> perProvider : changes.get(c)) {
            for (Scenario.Change change : perProvider) {
                if (t >= change.at() && t <= change.at() + change.rampDecisions()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Expected reward of provider {@code p} in class {@code c} at decision {@code t}. */
    public double expectedReward(int c, int p, long t) {
        return successProbability(c, p, t) * rewardGivenSuccess[p];
    }

    /** One call's reward, drawn from the provider's outcome distributions at decision {@code t}. */
    public double sampleReward(int c, int p, long t, RandomGenerator random) {
        boolean success = random.nextDouble() < successProbability(c, p, t);
        Scenario.Provider provider = scenario.providers().get(p);
        double q = provider.quality();
        double quality = q == 0 || q == 1 ? q
                : BetaSampler.beta(q * QUALITY_CONCENTRATION, (1 - q) * QUALITY_CONCENTRATION, random);
        double latency = provider.latencyMedianMs() * Math.exp(provider.latencySigma() * random.nextGaussian());
        return rewardFunction.reward(success, quality, latency, provider.costPerCall());
    }
}
