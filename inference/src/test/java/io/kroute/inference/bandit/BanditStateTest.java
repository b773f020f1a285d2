package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BanditStateTest {

    @Test
    void shouldMergePartitionStatesIntoTheStateOfAllRewards() {
        BanditState empty = BanditState.empty(Forgetting.halfLife(100)).withArm("a", ArmPrior.UNIFORM)
                .withArm("b", ArmPrior.UNIFORM);
        BanditState all = empty;
        BanditState even = empty;
        BanditState odd = empty.withArm("c", ArmPrior.UNIFORM);
        all = all.withArm("c", ArmPrior.UNIFORM);
        for (int t = 0; t < 300; t++) {
            String arm = t % 3 == 0 ? "a" : t % 3 == 1 ? "b" : "c";
            double reward = (t * 37 % 100) / 100.0;
            all = all.withReward(arm, reward, t);
            if (t % 2 == 0 && !arm.equals("c")) {
                even = even.withReward(arm, reward, t);
            } else {
                odd = odd.withReward(arm, reward, t);
            }
        }

        BanditState merged = even.merge(odd);

        assertThat(merged.armIds()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(merged.asOf()).isEqualTo(all.asOf());
        ArmView expected = all.view();
        ArmView actual = merged.view();
        for (String arm : all.armIds()) {
            int i = expected.arms().indexOf(arm);
            int j = actual.arms().indexOf(arm);
            assertThat(actual.weight()[j]).isCloseTo(expected.weight()[i], within(1e-9));
            assertThat(actual.rewardSum()[j]).isCloseTo(expected.rewardSum()[i], within(1e-9));
        }
    }

    @Test
    void shouldDiscountFurtherWhenAdvancedInTime() {
        BanditState state = BanditState.empty(Forgetting.halfLife(10)).withArm("a", ArmPrior.UNIFORM)
                .withReward("a", 1, 0);

        BanditState later = state.advancedTo(20);

        assertThat(later.version()).isGreaterThan(state.version());
        assertThat(later.view().weight()[0]).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void shouldRefuseEvidenceOfAnotherKind() {
        assertThatThrownBy(() -> BanditState.of(Forgetting.halfLife(10), 0, 0,
                java.util.List.of(new BanditState.Arm("a", ArmPrior.UNIFORM, WindowedEvidence.empty(5, 2)))))
                .hasMessageContaining("cannot merge evidence with different forgetting");
    }

    @Test
    void shouldRefuseABlankArmName() {
        assertThatThrownBy(() -> BanditState.empty(Forgetting.none()).withArm(" ", ArmPrior.UNIFORM))
                .hasMessageContaining("arm id: expected a non-blank name");
    }
}
