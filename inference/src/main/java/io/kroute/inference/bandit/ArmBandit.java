package io.kroute.inference.bandit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One bandit: a policy over a set of arms. Rewards update the <em>working</em> state; decisions are made from
 * the <em>published</em> state, whose selection distribution is computed once and reused until the next
 * {@link #publish()} or {@link #replacePublished(BanditState)}. This mirrors the streaming topology, where
 * state changes arrive in batches while decisions are made continuously. Not thread-safe: one instance per task.
 */
public final class ArmBandit {

    private final Policy policy;
    private final BanditConfig config;
    private final RandomGenerator random;
    private final RewardRejections rejections;
    private final String scope;
    private BanditState working;
    private BanditState published;
    private ArmDistribution distribution;

    public ArmBandit(Policy policy, BanditConfig config, RandomGenerator random) {
        this(policy, config, random, new RewardRejections(), "default");
    }

    ArmBandit(Policy policy, BanditConfig config, RandomGenerator random, RewardRejections rejections, String scope) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.rejections = rejections;
        this.scope = scope;
        this.working = BanditState.empty(config.forgetting());
        this.published = working;
    }

    public Policy policy() {
        return policy;
    }

    /** Adds an arm with the default prior, effective for decisions at once. */
    public void addArm(String id) {
        addArm(id, config.defaultPrior());
    }

    /** Adds an arm (a new arm starts from its prior), effective for decisions at once. */
    public void addArm(String id, ArmPrior prior) {
        working = working.withArm(id, prior);
        replacePublished(published.withArm(id, prior));
    }

    /** Removes an arm; it is never chosen again, and its later rewards are refused as unknown. */
    public void removeArm(String id) {
        working = working.withoutArm(id);
        replacePublished(published.withoutArm(id));
    }

    /**
     * Offers one reward; invalid ones are refused and counted, never applied. With the reward-count clock,
     * {@code time} is ignored and the reward is one tick after the previous one.
     */
    public UpdateResult update(String arm, double reward, long time) {
        RewardRejections.Reason reason = RewardRejections.check(reward, policy.requiresBinaryRewards());
        if (reason == null && !working.hasArm(arm)) {
            reason = RewardRejections.Reason.UNKNOWN_ARM;
        }
        if (reason != null) {
            rejections.record(reason);
            return UpdateResult.rejected(reason);
        }
        long tick = config.clock() == BanditConfig.Clock.REWARD_COUNT
                ? (working.asOf() == Long.MIN_VALUE ? 0 : working.asOf() + 1) : time;
        working = working.withReward(arm, reward, tick);
        return UpdateResult.APPLIED;
    }

    /** Makes the working state the one decisions use; returns it. */
    public BanditState publish() {
        replacePublished(working);
        return published;
    }

    /** Uses {@code state} for decisions (for example a state read back from the arm-state topic). */
    public void replacePublished(BanditState state) {
        if (state != published) {
            published = Objects.requireNonNull(state, "state");
            distribution = null;
        }
    }

    /** Replaces the working state too (restore from storage). */
    public void restore(BanditState state) {
        working = Objects.requireNonNull(state, "state");
        replacePublished(state);
    }

    /** Chooses an arm from the published state. */
    public Choice select() {
        return distribution().sample(random);
    }

    /** The selection distribution of the published state, computed on first use after each change. */
    public ArmDistribution distribution() {
        ArmDistribution d = distribution;
        if (d == null) {
            ArmView view = published.view();
            d = ArmDistribution.of(view.arms(), policy.selectionProbabilities(view, random),
                    config.explorationFloor(), policy.name(), scope, published.version());
            distribution = d;
        }
        return d;
    }

    /** The policy's estimate of each arm's mean reward, from the published state. */
    public Map<String, Double> expectations() {
        ArmView view = published.view();
        double[] means = policy.expectations(view);
        Map<String, Double> byArm = new LinkedHashMap<>();
        for (int i = 0; i < means.length; i++) {
            byArm.put(view.arms().get(i), means[i]);
        }
        return byArm;
    }

    public BanditState working() {
        return working;
    }

    public BanditState published() {
        return published;
    }

    public RewardRejections rejections() {
        return rejections;
    }
}
