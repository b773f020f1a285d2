package io.kroute.inference.bandit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One bandit per context (prompt class) over a shared set of arms, plus a global bandit that sees every
 * reward. A class whose published evidence weighs less than {@code minClassEvidence} is served from the
 * global bandit, so a new or rare class starts from what all classes have learnt.
 *
 * <p>Each bandit publishes its working state after every {@code publishEvery} applied rewards, standing in
 * for the batches in which the streaming topology ships arm statistics. Not thread-safe.
 */
public final class ContextualBandit {

    /** The scope name of the global bandit, also its key in the priors. */
    public static final String GLOBAL = "*";

    /**
     * @param minClassEvidence evidence weight a class needs before its own statistics are used
     * @param publishEvery applied rewards between publications of a bandit's state; 1 publishes every reward
     */
    public record Config(BanditConfig bandit, double minClassEvidence, int publishEvery) {
        public Config {
            Objects.requireNonNull(bandit, "bandit");
            if (!(minClassEvidence >= 0) || !Double.isFinite(minClassEvidence)) {
                throw new IllegalArgumentException(
                        "minClassEvidence: expected a finite number >= 0, found " + minClassEvidence);
            }
            if (publishEvery < 1) {
                throw new IllegalArgumentException("publishEvery: expected at least 1, found " + publishEvery);
            }
        }
    }

    private final Policy policy;
    private final Config config;
    private final BanditPriors priors;
    private final RandomGenerator random;
    private final RewardRejections rejections = new RewardRejections();
    private final List<String> arms = new ArrayList<>();
    private final Map<String, ArmBandit> byClass = new LinkedHashMap<>();
    private final Map<String, Integer> unpublished = new HashMap<>();
    private final ArmBandit global;

    public ContextualBandit(Policy policy, Config config, BanditPriors priors, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.config = Objects.requireNonNull(config, "config");
        this.priors = Objects.requireNonNull(priors, "priors");
        this.random = Objects.requireNonNull(random, "random");
        this.global = new ArmBandit(policy, config.bandit(), random, rejections, GLOBAL);
    }

    public Policy policy() {
        return policy;
    }

    /** Adds an arm to every class (each starting from its prior for that class). */
    public void addArm(String arm) {
        if (arms.contains(arm)) {
            return;
        }
        arms.add(arm);
        global.addArm(arm, priors.prior(GLOBAL, arm, config.bandit().defaultPrior()));
        byClass.forEach((context, bandit) -> bandit.addArm(arm, priors.prior(context, arm,
                config.bandit().defaultPrior())));
    }

    /** Removes an arm from every class at once. */
    public void removeArm(String arm) {
        if (arms.remove(arm)) {
            global.removeArm(arm);
            byClass.values().forEach(bandit -> bandit.removeArm(arm));
        }
    }

    public List<String> arms() {
        return Collections.unmodifiableList(arms);
    }

    /** Chooses an arm for a prompt of class {@code context}. */
    public Choice select(String context) {
        ArmBandit bandit = banditFor(context);
        if (bandit.published().evidenceWeight() < config.minClassEvidence()) {
            return global.select();
        }
        return bandit.select();
    }

    /** The bandit and distribution {@link #select} would use now for {@code context}. */
    public ArmDistribution distribution(String context) {
        ArmBandit bandit = banditFor(context);
        return bandit.published().evidenceWeight() < config.minClassEvidence()
                ? global.distribution() : bandit.distribution();
    }

    /**
     * Offers a reward for the decision {@code arm} made for {@code context}; it updates the class and the
     * global bandit. Invalid rewards are refused and counted once.
     */
    public UpdateResult update(String context, String arm, double reward, long time) {
        ArmBandit bandit = banditFor(context);
        UpdateResult result = bandit.update(arm, reward, time);
        if (!result.applied()) {
            return result;
        }
        global.update(arm, reward, time);
        countAndMaybePublish(context, bandit);
        countAndMaybePublish(GLOBAL, global);
        return result;
    }

    private void countAndMaybePublish(String key, ArmBandit bandit) {
        int pending = unpublished.merge(key, 1, Integer::sum);
        if (pending >= config.publishEvery()) {
            bandit.publish();
            unpublished.put(key, 0);
        }
    }

    /** Publishes every bandit's working state now. */
    public void publishAll() {
        global.publish();
        byClass.values().forEach(ArmBandit::publish);
        unpublished.clear();
    }

    /** The bandit of one class, created with every current arm on first sight of the class. */
    public ArmBandit banditFor(String context) {
        Objects.requireNonNull(context, "context");
        ArmBandit bandit = byClass.get(context);
        if (bandit == null) {
            if (context.isBlank() || GLOBAL.equals(context)) {
                throw new IllegalArgumentException(
                        "context: expected a class name, found '" + context + "' (blank or reserved)");
            }
            bandit = new ArmBandit(policy, config.bandit(), random, rejections, context);
            for (String arm : arms) {
                bandit.addArm(arm, priors.prior(context, arm, config.bandit().defaultPrior()));
            }
            byClass.put(context, bandit);
        }
        return bandit;
    }

    public ArmBandit global() {
        return global;
    }

    public RewardRejections rejections() {
        return rejections;
    }
}
