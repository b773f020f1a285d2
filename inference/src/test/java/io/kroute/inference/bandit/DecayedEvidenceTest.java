package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecayedEvidenceTest {

    private record Reward(double value, long time) {
    }

    private static List<Reward> rewards(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Reward> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Reward(random.nextDouble(), random.nextLong(0, 10_000)));
        }
        return list;
    }

    private static ArmEvidence aggregate(ArmEvidence empty, List<Reward> rewards) {
        ArmEvidence e = empty;
        for (Reward r : rewards) {
            e = e.plus(r.value(), r.time());
        }
        return e;
    }

    @Test
    void shouldHalveAWeightAfterOneHalfLife() {
        Moments m = DecayedEvidence.empty(100).plus(1, 0).at(100);

        assertThat(m.weight()).isCloseTo(0.5, within(1e-12));
        assertThat(m.rewardSum()).isCloseTo(0.5, within(1e-12));
        assertThat(m.mean()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldNeverScaleEvidenceUpForAClockBehindItsReferenceTime() {
        ArmEvidence e = DecayedEvidence.empty(100).plus(1, 1_000);

        assertThat(e.at(500).weight()).isEqualTo(1);
        assertThat(e.at(Long.MIN_VALUE).weight()).isEqualTo(1);
    }

    @Test
    void shouldNotDiscountWhenHalfLifeIsZero() {
        Moments m = DecayedEvidence.empty(0).plus(0.25, 0).plus(0.75, 1_000_000).at(5_000_000);

        assertThat(m.weight()).isEqualTo(2);
        assertThat(m.rewardSum()).isEqualTo(1);
        assertThat(m.rewardSquareSum()).isEqualTo(0.0625 + 0.5625);
    }

    @Test
    void shouldGiveTheSameAggregateWhateverTheArrivalOrder() {
        List<Reward> inOrder = rewards(7, 500);
        List<Reward> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new java.util.Random(3));

        Moments a = aggregate(DecayedEvidence.empty(700), inOrder).at(12_000);
        Moments b = aggregate(DecayedEvidence.empty(700), shuffled).at(12_000);

        assertThat(b.weight()).isCloseTo(a.weight(), within(1e-9));
        assertThat(b.rewardSum()).isCloseTo(a.rewardSum(), within(1e-9));
        assertThat(b.rewardSquareSum()).isCloseTo(a.rewardSquareSum(), within(1e-9));
    }

    @Test
    void shouldMergePartialAggregatesIntoTheAggregateOfAll() {
        List<Reward> all = rewards(11, 900);
        ArmEvidence whole = aggregate(DecayedEvidence.empty(500), all);
        ArmEvidence part1 = aggregate(DecayedEvidence.empty(500), all.subList(0, 200));
        ArmEvidence part2 = aggregate(DecayedEvidence.empty(500), all.subList(200, 650));
        ArmEvidence part3 = aggregate(DecayedEvidence.empty(500), all.subList(650, 900));

        ArmEvidence merged = part3.merge(part1).merge(part2);

        assertThat(merged.updates()).isEqualTo(900);
        assertThat(merged.referenceTime()).isEqualTo(whole.referenceTime());
        Moments expected = whole.at(10_500);
        Moments actual = merged.at(10_500);
        assertThat(actual.weight()).isCloseTo(expected.weight(), within(1e-9));
        assertThat(actual.rewardSum()).isCloseTo(expected.rewardSum(), within(1e-9));
        assertThat(actual.rewardSquareSum()).isCloseTo(expected.rewardSquareSum(), within(1e-9));
    }

    @Test
    void shouldTreatEmptyEvidenceAsTheIdentityOfMerge() {
        ArmEvidence some = aggregate(DecayedEvidence.empty(50), rewards(5, 10));

        assertThat(some.merge(DecayedEvidence.empty(50))).isEqualTo(some);
        assertThat(DecayedEvidence.empty(50).merge(some)).isEqualTo(some);
    }

    @Test
    void shouldRefuseToMergeDifferentHalfLives() {
        assertThatThrownBy(() -> DecayedEvidence.empty(50).merge(DecayedEvidence.empty(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected half-life 50.0, found half-life 60.0");
        assertThatThrownBy(() -> DecayedEvidence.empty(50).merge(WindowedEvidence.empty(10, 3)))
                .hasMessageContaining("found sliding window of 3 buckets of 10");
    }

    @Test
    void shouldRejectInvalidStatistics() {
        assertThatThrownBy(() -> new DecayedEvidence(-1, 0, 0, 0, 0, 0)).hasMessageContaining("halfLife");
        assertThatThrownBy(() -> new DecayedEvidence(10, 0, 1, Double.NaN, 0, 0)).hasMessageContaining("weight");
        assertThatThrownBy(() -> new DecayedEvidence(10, 0, -1, 0, 0, 0)).hasMessageContaining("updates");
    }
}
