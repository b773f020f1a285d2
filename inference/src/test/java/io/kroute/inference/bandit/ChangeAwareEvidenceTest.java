package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangeAwareEvidenceTest {

    private static final double RECENT = 200;
    private static final double THRESHOLD = 3;

    /** {@code count} rewards, one per tick from {@code start}, each 1 with probability {@code p}. */
    private static ArmEvidence feed(ArmEvidence evidence, SplittableRandom random, double p, long start, int count) {
        ArmEvidence e = evidence;
        for (int i = 0; i < count; i++) {
            e = e.plus(random.nextDouble() < p ? 1 : 0, start + i);
        }
        return e;
    }

    @Test
    void shouldDescribeAStableArmByItsWholeHistory() {
        SplittableRandom random = new SplittableRandom(7);
        ChangeAwareEvidence e = (ChangeAwareEvidence) feed(ChangeAwareEvidence.empty(RECENT, 0, THRESHOLD), random,
                0.8, 0, 5_000);

        Moments m = e.at(4_999);

        assertThat(m.weight()).isEqualTo(5_000);
        assertThat(m).isEqualTo(e.history().at(4_999));
    }

    @Test
    void shouldDescribeAChangedArmByItsRecentRewardsOnly() {
        SplittableRandom random = new SplittableRandom(7);
        ArmEvidence before = feed(ChangeAwareEvidence.empty(RECENT, 0, THRESHOLD), random, 0.9, 0, 5_000);
        ChangeAwareEvidence after = (ChangeAwareEvidence) feed(before, random, 0.1, 5_000, 300);

        Moments m = after.at(5_299);

        assertThat(m).isEqualTo(after.recent().at(5_299));
        assertThat(m.weight()).isLessThan(RECENT * 2);
        // The history alone would still say about 0.85; the recent rewards say the arm now mostly fails.
        assertThat(after.history().at(5_299).mean()).isGreaterThan(0.8);
        assertThat(m.mean()).isLessThan(0.4);
    }

    @Test
    void shouldRarelyFlagAChangeInAnArmThatNeverChanged() {
        SplittableRandom random = new SplittableRandom(11);
        ArmEvidence e = ChangeAwareEvidence.empty(RECENT, 0, THRESHOLD);
        int flagged = 0;
        int checks = 0;
        for (int block = 0; block < 200; block++) {
            e = feed(e, random, 0.7, block * 100L, 100);
            if (block >= 10) {
                checks++;
                ChangeAwareEvidence c = (ChangeAwareEvidence) e;
                long now = block * 100L + 99;
                if (c.changed(c.recent().at(now), c.history().at(now))) {
                    flagged++;
                }
            }
        }
        // At three standard errors a check is a false alarm about 0.3% of the time; allow for correlated checks.
        assertThat(flagged).isLessThanOrEqualTo(checks / 50);
    }

    @Test
    void shouldMergeTwoPartialAggregatesIntoTheAggregateOfAllRewards() {
        SplittableRandom random = new SplittableRandom(3);
        ArmEvidence whole = ChangeAwareEvidence.empty(RECENT, 5_000, THRESHOLD);
        ArmEvidence even = ChangeAwareEvidence.empty(RECENT, 5_000, THRESHOLD);
        ArmEvidence odd = ChangeAwareEvidence.empty(RECENT, 5_000, THRESHOLD);
        for (int i = 0; i < 2_000; i++) {
            double reward = random.nextDouble();
            long time = random.nextLong(0, 3_000);
            whole = whole.plus(reward, time);
            if (i % 2 == 0) {
                even = even.plus(reward, time);
            } else {
                odd = odd.plus(reward, time);
            }
        }
        ChangeAwareEvidence merged = (ChangeAwareEvidence) even.merge(odd);
        ChangeAwareEvidence expected = (ChangeAwareEvidence) whole;

        assertThat(merged.updates()).isEqualTo(2_000);
        assertThat(merged.recent().weight()).isCloseTo(expected.recent().weight(), within(1e-9));
        assertThat(merged.recent().rewardSum()).isCloseTo(expected.recent().rewardSum(), within(1e-9));
        assertThat(merged.history().rewardSquareSum()).isCloseTo(expected.history().rewardSquareSum(), within(1e-9));
        assertThat(merged.at(3_000).mean()).isCloseTo(expected.at(3_000).mean(), within(1e-12));
    }

    @Test
    void shouldRefuseMergingWithOtherForgetting() {
        ArmEvidence e = ChangeAwareEvidence.empty(RECENT, 0, THRESHOLD).plus(1, 0);

        assertThatThrownBy(() -> e.merge(DecayedEvidence.empty(RECENT).plus(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("change-aware discounting")
                .hasMessageContaining("half-life 200.0");
        assertThatThrownBy(() -> e.merge(ChangeAwareEvidence.empty(RECENT, 0, 4).plus(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold 4.0");
    }

    @Test
    void shouldRefuseInvalidSettings() {
        assertThatThrownBy(() -> ChangeAwareEvidence.empty(0, 0, THRESHOLD))
                .hasMessageContaining("recent half-life: expected a number > 0, found 0.0");
        assertThatThrownBy(() -> ChangeAwareEvidence.empty(RECENT, RECENT / 2, THRESHOLD))
                .hasMessageContaining("history half-life: expected 0 (none) or more than the recent half-life");
        assertThatThrownBy(() -> ChangeAwareEvidence.empty(RECENT, 0, Double.NaN))
                .hasMessageContaining("threshold: expected a finite number > 0, found NaN");
        assertThatThrownBy(() -> new ChangeAwareEvidence(DecayedEvidence.empty(RECENT).plus(1, 0),
                DecayedEvidence.empty(0), THRESHOLD))
                .hasMessageContaining("expected the same rewards, found 1 and 0");
    }
}
