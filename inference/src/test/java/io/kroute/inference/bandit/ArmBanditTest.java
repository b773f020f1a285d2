package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArmBanditTest {

    private static ArmBandit ucb(double floor) {
        return new ArmBandit(new Ucb1(Ucb1.Config.UCB1), new BanditConfig(Forgetting.none(), floor, ArmPrior.UNIFORM),
                new SplittableRandom(1));
    }

    @Test
    void shouldRejectAndCountNaNOutOfRangeAndUnknownArmRewardsWithoutApplyingThem() {
        ArmBandit bandit = ucb(0);
        bandit.addArm("a");

        assertThat(bandit.update("a", Double.NaN, 0).rejection()).isEqualTo(RewardRejections.Reason.NOT_A_NUMBER);
        assertThat(bandit.update("a", 1.01, 0).rejection()).isEqualTo(RewardRejections.Reason.OUT_OF_RANGE);
        assertThat(bandit.update("a", -0.1, 0).rejection()).isEqualTo(RewardRejections.Reason.OUT_OF_RANGE);
        assertThat(bandit.update("a", Double.POSITIVE_INFINITY, 0).rejection())
                .isEqualTo(RewardRejections.Reason.OUT_OF_RANGE);
        assertThat(bandit.update("ghost", 0.5, 0).rejection()).isEqualTo(RewardRejections.Reason.UNKNOWN_ARM);

        assertThat(bandit.working().arm("a").evidence().updates()).isZero();
        assertThat(bandit.rejections().total()).isEqualTo(5);
        assertThat(bandit.rejections().count(RewardRejections.Reason.OUT_OF_RANGE)).isEqualTo(3);
        assertThat(bandit.update("a", 1.0, 0).applied()).isTrue();
    }

    @Test
    void shouldMixTheExplorationFloorIntoADeterministicChoice() {
        ArmBandit bandit = ucb(0.01);
        bandit.addArm("a", new ArmPrior(90, 10));
        bandit.addArm("b", new ArmPrior(10, 90));
        bandit.addArm("c", new ArmPrior(10, 90));

        ArmDistribution d = bandit.distribution();

        assertThat(d.probability("a")).isCloseTo(0.97 + 0.01, within(1e-12));
        assertThat(d.probability("b")).isCloseTo(0.01, within(1e-12));
        int[] counts = new int[3];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            Choice choice = bandit.select();
            counts[choice.index()]++;
            assertThat(choice.propensity()).isEqualTo(d.probability(choice.index()));
        }
        assertThat((double) counts[1] / draws).isCloseTo(0.01, within(0.0015));
        assertThat((double) counts[0] / draws).isCloseTo(0.98, within(0.002));
    }

    @Test
    void shouldComputeTheDistributionOncePerPublishedState() {
        ArmBandit bandit = ucb(0);
        bandit.addArm("a");
        bandit.addArm("b");
        ArmDistribution first = bandit.distribution();

        bandit.update("a", 1, 0);
        assertThat(bandit.distribution()).isSameAs(first);
        assertThat(bandit.select().stateVersion()).isEqualTo(first.stateVersion());

        bandit.publish();
        assertThat(bandit.distribution()).isNotSameAs(first);
        assertThat(bandit.distribution().stateVersion()).isGreaterThan(first.stateVersion());
    }

    @Test
    void shouldStartANewArmFromItsPriorAndChooseIt() {
        ArmBandit bandit = ucb(0);
        bandit.addArm("old");
        for (int t = 0; t < 200; t++) {
            bandit.update("old", 0.2, t);
        }
        bandit.publish();

        bandit.addArm("new", new ArmPrior(8, 2));

        assertThat(bandit.expectations()).containsEntry("new", 0.8);
        assertThat(bandit.select().arm()).isEqualTo("new");
    }

    @Test
    void shouldNeverChooseARemovedArmAndRefuseItsLateRewards() {
        ArmBandit bandit = new ArmBandit(new UniformRandom(), BanditConfig.stationary(), new SplittableRandom(3));
        bandit.addArm("a");
        bandit.addArm("b");
        bandit.addArm("c");

        bandit.removeArm("b");

        for (int i = 0; i < 1000; i++) {
            Choice choice = bandit.select();
            assertThat(choice.arm()).isNotEqualTo("b");
            assertThat(choice.propensity()).isEqualTo(0.5);
        }
        assertThat(bandit.update("b", 1, 0).rejection()).isEqualTo(RewardRejections.Reason.UNKNOWN_ARM);
    }

    @Test
    void shouldCountTheRewardCountClockOneTickPerReward() {
        BanditConfig config = new BanditConfig(Forgetting.halfLife(2), 0, ArmPrior.UNIFORM,
                BanditConfig.Clock.REWARD_COUNT);
        ArmBandit bandit = new ArmBandit(new UniformRandom(), config, new SplittableRandom(1));
        bandit.addArm("a");
        bandit.addArm("b");

        bandit.update("a", 1, 1_000_000);
        bandit.update("b", 1, 5);
        bandit.update("b", 1, 7);

        // "a" was rewarded at tick 0, the state is at tick 2: one half-life later it weighs 1/2.
        assertThat(bandit.working().asOf()).isEqualTo(2);
        assertThat(bandit.working().view().weight()[0]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldFollowADegradedArmOnlyWithDiscounting() {
        double discountedShare = shareOnDegradedArm(Forgetting.halfLife(300));
        double stationaryShare = shareOnDegradedArm(Forgetting.none());

        assertThat(discountedShare).isLessThan(0.35);
        assertThat(stationaryShare).isGreaterThan(0.6);
    }

    /** 3,000 decisions with "a" better, then "a" worsens; the share of "a" in decisions 3,500 to 4,000. */
    private static double shareOnDegradedArm(Forgetting forgetting) {
        ArmBandit bandit = new ArmBandit(new Ucb1(Ucb1.Config.UCB1),
                new BanditConfig(forgetting, 0, ArmPrior.UNIFORM), new SplittableRandom(4));
        bandit.addArm("a");
        bandit.addArm("b");
        SplittableRandom world = new SplittableRandom(5);
        int onA = 0;
        for (int t = 0; t < 4000; t++) {
            Choice choice = bandit.select();
            double meanA = t < 3000 ? 0.8 : 0.4;
            double mean = choice.arm().equals("a") ? meanA : 0.6;
            bandit.update(choice.arm(), world.nextDouble() < mean ? 1 : 0, t);
            bandit.publish();
            if (t >= 3500 && choice.arm().equals("a")) {
                onA++;
            }
        }
        return onA / 500.0;
    }
}
