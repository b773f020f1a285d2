package io.kroute.inference.bandit;

import java.util.List;

/**
 * The shipped policies by name, with their default settings. Every policy gets the same exploration floor and
 * prior. {@code thompson} discounts with {@code halfLife} (clock units) only once an arm's recent rewards
 * disagree with its history ({@link ChangeAwareEvidence}); {@code thompson-discounted},
 * {@code thompson-fractional}, {@code thompson-bernoulli} and {@code ucb1-discounted} always discount with
 * {@code halfLife}; {@code thompson-window} keeps a sliding window of twice that length; the others keep all
 * evidence, as their textbook forms do.
 */
public final class PolicyCatalog {

    /** Minimum probability of every arm in every shipped policy, so logged propensities are never 0. */
    public static final double EXPLORATION_FLOOR = 0.001;

    /** The default half-life of the discounted policies, in clock units. */
    public static final double DEFAULT_HALF_LIFE = 2_000;

    /**
     * Buckets of the sliding window of {@code thompson-window}: the window spans twice the half-life, in 16
     * buckets of an eighth of it.
     */
    public static final int WINDOW_BUCKETS = 16;

    /** A named policy with its settings. */
    public record Spec(String name, Policy policy, BanditConfig config) {
    }

    /**
     * Standard errors by which an arm's recent mean must differ from its history before {@code thompson} describes
     * it by its recent rewards only.
     */
    public static final double CHANGE_THRESHOLD = 3;

    /** Half-lives of the change detectors of {@code thompson-detect}, in the arm's own rewards. */
    private static final double[] DETECTOR_HALF_LIVES = {16, 64, 256, 1024};

    /** Standard errors between a detector's mean and the segment's that make {@code thompson-detect} restart an arm. */
    public static final double DETECTION_THRESHOLD = 5;

    /** Evidence a detector needs before its test counts. */
    public static final double DETECTION_MINIMUM_WEIGHT = 12;

    /**
     * Forced exploration of {@code thompson-detect}: its share right after a detected change, its share when quiet,
     * and the half-life of the difference, as a multiple of the half-life setting.
     */
    public static final DetectingThompson.Config DETECT_EXPLORATION = new DetectingThompson.Config(0.005, 0.001, 1);

    /** Half-life of the evidence {@code thompson-detect} keeps since an arm's last change, x the half-life setting. */
    public static final double SEGMENT_HALF_LIVES = 3;

    /**
     * CUSUM-UCB's settings from its paper's formulas for {@code T = 100,000} decisions and {@code 5} changes:
     * threshold {@code h = ln(T / 5)}, uniform share {@code alpha = sqrt(5 / T * h)}; warm-up 100, and a drift of
     * 0.1 (with 0.05, the noise of a 100-reward warm-up mean alone raises alarms on a 0/1 reward of mean 0.5).
     */
    public static final int CUSUM_WARMUP = 100;
    public static final double CUSUM_DRIFT = 0.1;
    public static final double CUSUM_THRESHOLD = Math.log(100_000 / 5.0);
    public static final double CUSUM_ALPHA = Math.sqrt(5 / 100_000.0 * CUSUM_THRESHOLD);

    /** Every policy of the reference set the random benchmark compares with: the policies shipped before
     * {@code thompson-detect}, and the literature's anchor {@code cusum-ucb}. Fixed: removing a policy from the
     * catalog does not change it. */
    public static final List<String> REFERENCE = List.of("thompson", "thompson-discounted", "thompson-fractional",
            "thompson-bernoulli", "thompson-stationary", "thompson-window", "ucb1", "ucb1-discounted",
            "epsilon-greedy", "softmax", "uniform", "cusum-ucb");

    public static final List<String> NAMES = List.of("thompson-detect", "cusum-ucb", "thompson", "thompson-discounted", "thompson-fractional", "thompson-bernoulli", "thompson-stationary", "thompson-window",
            "ucb1", "ucb1-discounted", "epsilon-greedy", "softmax", "uniform");

    private PolicyCatalog() {
    }

    public static Spec create(String name, double halfLife) {
        return create(name, halfLife, BanditConfig.Clock.EVENT_TIME);
    }

    /** Every shipped policy, in table order. */
    public static List<Spec> all(double halfLife, BanditConfig.Clock clock) {
        return NAMES.stream().map(name -> create(name, halfLife, clock)).toList();
    }

    /** A policy whose discounting (if any) runs on {@code clock}. */
    public static Spec create(String name, double halfLife, BanditConfig.Clock clock) {
        BanditConfig stationary = new BanditConfig(Forgetting.none(), EXPLORATION_FLOOR, ArmPrior.UNIFORM);
        BanditConfig discounted = new BanditConfig(Forgetting.halfLife(halfLife), EXPLORATION_FLOOR, ArmPrior.UNIFORM,
                clock);
        ThompsonSampling.Config scaled = new ThompsonSampling.Config(ThompsonSampling.RewardModel.VARIANCE_SCALED,
                ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES);
        return switch (name) {
            case "thompson" -> new Spec(name, new ThompsonSampling(scaled), new BanditConfig(
                    Forgetting.changeAware(halfLife, 0, CHANGE_THRESHOLD), EXPLORATION_FLOOR, ArmPrior.UNIFORM, clock));
            case "thompson-discounted" -> new Spec(name, new ThompsonSampling(scaled), discounted);
            case "thompson-fractional" -> new Spec(name, new ThompsonSampling(new ThompsonSampling.Config(
                    ThompsonSampling.RewardModel.FRACTIONAL, ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES)), discounted);
            case "thompson-bernoulli" -> new Spec(name, new ThompsonSampling(new ThompsonSampling.Config(
                    ThompsonSampling.RewardModel.BERNOULLI, ThompsonSampling.DEFAULT_PROPENSITY_SAMPLES)), discounted);
            case "thompson-stationary" -> new Spec(name, new ThompsonSampling(scaled), stationary);
            case "thompson-window" -> new Spec(name, new ThompsonSampling(scaled), new BanditConfig(
                    Forgetting.window(Math.max(1, Math.round(halfLife / 8)), WINDOW_BUCKETS), EXPLORATION_FLOOR,
                    ArmPrior.UNIFORM, clock));
            case "thompson-detect" -> new Spec(name, new DetectingThompson(scaledExploration(halfLife)),
                    new BanditConfig(detecting(halfLife), EXPLORATION_FLOOR, ArmPrior.UNIFORM, clock));
            case "cusum-ucb" -> new Spec(name, new CusumUcb(new CusumUcb.Config(CUSUM_ALPHA, Math.sqrt(2))),
                    new BanditConfig(Forgetting.cusum(CUSUM_WARMUP, CUSUM_DRIFT, CUSUM_THRESHOLD), EXPLORATION_FLOOR,
                            ArmPrior.UNIFORM, clock));
            case "ucb1" -> new Spec(name, new Ucb1(Ucb1.Config.UCB1), stationary);
            case "ucb1-discounted" -> new Spec(name, new Ucb1(Ucb1.Config.UCB1), discounted);
            case "epsilon-greedy" -> new Spec(name, new EpsilonGreedy(new EpsilonGreedy.Config(0.05, 0)), stationary);
            case "softmax" -> new Spec(name, new Softmax(new Softmax.Config(0.02)), stationary);
            case "uniform" -> new Spec(name, new UniformRandom(), stationary);
            default -> throw new IllegalArgumentException("policy: expected one of " + NAMES + ", found '" + name + "'");
        };
    }

    /** The change-detecting evidence of {@code thompson-detect}; its detectors count rewards, whatever the clock. */
    public static Forgetting detecting(double halfLife) {
        return Forgetting.changeDetecting(SEGMENT_HALF_LIVES * halfLife, DETECTOR_HALF_LIVES, DETECTION_THRESHOLD,
                DETECTION_MINIMUM_WEIGHT);
    }

    private static DetectingThompson.Config scaledExploration(double halfLife) {
        return new DetectingThompson.Config(DETECT_EXPLORATION.maxExploration(), DETECT_EXPLORATION.minExploration(),
                DETECT_EXPLORATION.explorationHalfLife() * halfLife);
    }
}
