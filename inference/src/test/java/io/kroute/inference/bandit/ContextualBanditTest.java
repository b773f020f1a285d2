package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContextualBanditTest {

    private static ContextualBandit bandit(double minEvidence, BanditPriors priors) {
        ContextualBandit bandit = new ContextualBandit(new Ucb1(new Ucb1.Config(0.05)),
                new ContextualBandit.Config(BanditConfig.stationary(), minEvidence, 1), priors, new SplittableRandom(1));
        bandit.addArm("x");
        bandit.addArm("y");
        return bandit;
    }

    @Test
    void shouldServeAClassWithoutEvidenceFromTheGlobalBandit() {
        ContextualBandit bandit = bandit(10, BanditPriors.none());
        for (int t = 0; t < 50; t++) {
            bandit.update("code", "y", 1, t);
            bandit.update("code", "x", 0, t);
        }

        Choice forNewClass = bandit.select("poetry");
        Choice forCode = bandit.select("code");

        assertThat(forNewClass.scope()).isEqualTo(ContextualBandit.GLOBAL);
        assertThat(forNewClass.arm()).isEqualTo("y");
        assertThat(forCode.scope()).isEqualTo("code");
    }

    @Test
    void shouldLearnADifferentBestArmPerClass() {
        ContextualBandit bandit = bandit(5, BanditPriors.none());
        for (int t = 0; t < 100; t++) {
            bandit.update("code", "x", 1, t);
            bandit.update("code", "y", 0, t);
            bandit.update("chat", "x", 0, t);
            bandit.update("chat", "y", 1, t);
        }

        assertThat(bandit.select("code").arm()).isEqualTo("x");
        assertThat(bandit.select("chat").arm()).isEqualTo("y");
    }

    @Test
    void shouldStartEachClassFromItsPriorsWithGlobalFallback() {
        BanditPriors priors = new BanditPriors(null, Map.of(
                "*", Map.of("x", new ArmPrior(2, 8)),
                "code", Map.of("x", new ArmPrior(9, 1))));
        ContextualBandit bandit = bandit(0, priors);

        assertThat(bandit.banditFor("code").expectations()).containsEntry("x", 0.9).containsEntry("y", 0.5);
        assertThat(bandit.banditFor("chat").expectations()).containsEntry("x", 0.2);
    }

    @Test
    void shouldCountARejectedRewardOnceAndApplyItNowhere() {
        ContextualBandit bandit = bandit(0, BanditPriors.none());

        assertThat(bandit.update("code", "x", Double.NaN, 0).applied()).isFalse();
        assertThat(bandit.update("code", "z", 0.5, 0).applied()).isFalse();

        assertThat(bandit.rejections().total()).isEqualTo(2);
        assertThat(bandit.global().working().evidenceWeight()).isZero();
    }

    @Test
    void shouldAddAndRemoveArmsInEveryClass() {
        ContextualBandit bandit = bandit(0, BanditPriors.none());
        bandit.banditFor("code");

        bandit.addArm("z");
        bandit.removeArm("x");

        assertThat(bandit.banditFor("code").published().armIds()).containsExactly("y", "z");
        assertThat(bandit.banditFor("chat").published().armIds()).containsExactly("y", "z");
        assertThat(bandit.global().published().armIds()).containsExactly("y", "z");
    }

    @Test
    void shouldRefuseTheReservedGlobalName() {
        assertThatThrownBy(() -> bandit(0, BanditPriors.none()).select("*"))
                .hasMessageContaining("expected a class name, found '*'");
    }

    @Test
    void shouldPublishAfterTheConfiguredNumberOfRewards() {
        ContextualBandit bandit = new ContextualBandit(new UniformRandom(),
                new ContextualBandit.Config(BanditConfig.stationary(), 0, 3), BanditPriors.none(), new SplittableRandom(1));
        bandit.addArm("x");

        bandit.update("code", "x", 1, 0);
        bandit.update("code", "x", 1, 1);
        assertThat(bandit.banditFor("code").published().evidenceWeight()).isZero();

        bandit.update("code", "x", 1, 2);
        assertThat(bandit.banditFor("code").published().evidenceWeight()).isEqualTo(3);
    }
}
