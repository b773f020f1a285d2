package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangeDetectingEvidenceTest {

    private static final ChangeDetectingEvidence EMPTY = (ChangeDetectingEvidence) PolicyCatalog.detecting(2000).empty();

    private static ChangeDetectingEvidence rewards(ChangeDetectingEvidence start, SplittableRandom random, double mean,
            long from, int count) {
        ChangeDetectingEvidence e = start;
        for (int i = 0; i < count; i++) {
            e = e.plus(random.nextDouble() < mean ? 1 : 0, from + i);
        }
        return e;
    }

    /** Rewards after the change until the detector restarts the arm, or -1. */
    private static int delay(long seed, double before, double after, int limit) {
        SplittableRandom random = new SplittableRandom(seed);
        ChangeDetectingEvidence e = rewards(EMPTY, random, before, 0, 2_000);
        long changes = e.changes();
        for (int i = 1; i <= limit; i++) {
            e = e.plus(random.nextDouble() < after ? 1 : 0, 2_000 + i);
            if (e.changes() > changes) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldDetectAnInjectedChangeWithinItsDocumentedDelay() {
        for (long seed = 1; seed <= 10; seed++) {
            // Documented: a success rate that falls from 0.8 to 0.5 within 150 of the arm's rewards.
            assertThat(delay(seed, 0.8, 0.5, 10_000)).as("seed %d, 0.8 -> 0.5", seed).isBetween(1, 150);
            // ... and a poor arm that becomes excellent, 0.3 to 0.9, within 40.
            assertThat(delay(seed, 0.3, 0.9, 10_000)).as("seed %d, 0.3 -> 0.9", seed).isBetween(1, 40);
        }
    }

    @Test
    void shouldRaiseAtMostItsDocumentedFalseAlarmRateOnAMillionStationaryRewards() {
        for (double mean : new double[] {0.5, 0.8, 0.95}) {
            ChangeDetectingEvidence e = rewards(EMPTY, new SplittableRandom(7), mean, 0, 1_000_000);
            // Documented: at most 5 false alarms per 1,000,000 rewards of an arm.
            assertThat(e.changes()).as("mean %s", mean).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void shouldRestartTheSegmentFromTheRewardsAfterTheChange() {
        SplittableRandom random = new SplittableRandom(3);
        ChangeDetectingEvidence e = rewards(EMPTY, random, 0.3, 0, 2_000);
        e = rewards(e, random, 0.9, 2_000, 100);

        // The short detector restarts first; a longer one may refine the restart once its rewards are all new.
        assertThat(e.changes()).isBetween(1L, 2L);
        assertThat(e.since()).isBetween(2_000L, 2_100L);
        assertThat(e.at(2_100).mean()).isGreaterThan(0.75);
        assertThat(e.at(2_100).weight()).isLessThan(200);
    }

    @Test
    void shouldMergeTwoHalvesOfTheRewardsIntoTheWhole() {
        SplittableRandom random = new SplittableRandom(11);
        ChangeDetectingEvidence whole = EMPTY;
        ChangeDetectingEvidence even = EMPTY;
        ChangeDetectingEvidence odd = EMPTY;
        for (long t = 0; t < 5_000; t++) {
            double reward = random.nextDouble() < 0.7 ? 0.6 + 0.4 * random.nextDouble() : 0;
            whole = whole.plus(reward, t);
            if (t % 2 == 0) {
                even = even.plus(reward, t);
            } else {
                odd = odd.plus(reward, t);
            }
        }
        ChangeDetectingEvidence merged = even.merge(odd);

        assertThat(whole.changes()).isZero();
        assertThat(merged.changes()).isZero();
        assertThat(merged.since()).isEqualTo(whole.since());
        assertThat(merged.updates()).isEqualTo(whole.updates());
        Moments expected = whole.at(6_000);
        Moments actual = merged.at(6_000);
        assertThat(actual.weight()).isCloseTo(expected.weight(), within(1e-9));
        assertThat(actual.rewardSum()).isCloseTo(expected.rewardSum(), within(1e-9));
        assertThat(actual.rewardSquareSum()).isCloseTo(expected.rewardSquareSum(), within(1e-9));
    }

    @Test
    void shouldKeepTheSegmentThatDetectedMoreChangesWhenMerging() {
        SplittableRandom random = new SplittableRandom(3);
        ChangeDetectingEvidence changed = rewards(rewards(EMPTY, random, 0.3, 0, 2_000), random, 0.9, 2_000, 100);
        ChangeDetectingEvidence older = rewards(EMPTY, random, 0.3, 0, 500);

        assertThat(changed.merge(older)).isEqualTo(changed);
        assertThat(older.merge(changed)).isEqualTo(changed);
        assertThat(EMPTY.merge(changed)).isEqualTo(changed);
    }

    @Test
    void shouldMergeTwoHalvesOfABanditsArmsIntoTheWhole() {
        Forgetting forgetting = PolicyCatalog.detecting(2000);
        SplittableRandom random = new SplittableRandom(5);
        BanditState whole = BanditState.empty(forgetting);
        BanditState left = BanditState.empty(forgetting);
        BanditState right = BanditState.empty(forgetting);
        for (String arm : List.of("a", "b", "c", "d")) {
            whole = whole.withArm(arm, ArmPrior.UNIFORM);
            if (arm.compareTo("b") <= 0) {
                left = left.withArm(arm, ArmPrior.UNIFORM);
            } else {
                right = right.withArm(arm, ArmPrior.UNIFORM);
            }
        }
        for (long t = 0; t < 4_000; t++) {
            String arm = List.of("a", "b", "c", "d").get((int) (t % 4));
            double reward = random.nextDouble() < (t < 2_000 || !arm.equals("c") ? 0.5 : 0.95) ? 1 : 0;
            whole = whole.withReward(arm, reward, t);
            if (arm.compareTo("b") <= 0) {
                left = left.withReward(arm, reward, t);
            } else {
                right = right.withReward(arm, reward, t);
            }
        }
        BanditState merged = left.merge(right);

        assertThat(whole.arm("c").evidence()).isInstanceOfSatisfying(ChangeDetectingEvidence.class,
                c -> assertThat(c.changes()).isPositive());
        for (String arm : List.of("a", "b", "c", "d")) {
            assertThat(merged.arm(arm).evidence()).as(arm).isEqualTo(whole.arm(arm).evidence());
        }
        assertThat(merged.view().quietTime()).isEqualTo(whole.view().quietTime());
        assertThat(merged.view().rewardSum()).containsExactly(whole.view().rewardSum());
    }

    @Test
    void shouldCountRecentRewardsAsEquallyWeightedOnesOfTheSamePrecision() {
        // A few fresh rewards weigh about 1 each; after many half-lives the count is twice the weight.
        assertThat(ChangeDetectingEvidence.effectiveCount(3, 1_000)).isCloseTo(3, within(0.01));
        double r = Math.pow(2, -1.0 / 16);
        double steady = 1 / (1 - r);
        // Then (sum w)^2 / sum w^2 = (1 + r) / (1 - r), just under twice the weight.
        assertThat(ChangeDetectingEvidence.effectiveCount(steady * 0.999999, 16)).isCloseTo((1 + r) / (1 - r),
                within(1e-3));
    }
}
