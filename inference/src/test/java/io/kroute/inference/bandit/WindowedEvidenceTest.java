package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowedEvidenceTest {

    @Test
    void shouldCountOnlyRewardsInsideTheWindow() {
        // Buckets of 10 time units, 3 buckets: at time 45 the window covers buckets 2, 3 and 4, i.e. [20, 50).
        WindowedEvidence e = WindowedEvidence.empty(10, 3).plus(1, 5).plus(1, 19).plus(0.5, 20).plus(0.25, 44);

        Moments m = e.at(45);

        assertThat(m.weight()).isEqualTo(2);
        assertThat(m.rewardSum()).isEqualTo(0.75);
    }

    @Test
    void shouldDropBucketsThatLeaveTheWindowOfTheNewestOne() {
        WindowedEvidence e = WindowedEvidence.empty(10, 2).plus(1, 0).plus(1, 15).plus(1, 25);

        assertThat(e.buckets()).extracting(WindowedEvidence.Bucket::index).containsExactly(1L, 2L);
        assertThat(e.updates()).isEqualTo(3);
    }

    @Test
    void shouldForgetEverythingOnceTheWindowHasPassed() {
        WindowedEvidence e = WindowedEvidence.empty(10, 2).plus(1, 3);

        assertThat(e.at(19).weight()).isEqualTo(1);
        assertThat(e.at(20).weight()).isZero();
    }

    @Test
    void shouldMergePartialAggregatesIntoTheAggregateOfAll() {
        SplittableRandom random = new SplittableRandom(21);
        WindowedEvidence whole = WindowedEvidence.empty(7, 5);
        WindowedEvidence left = WindowedEvidence.empty(7, 5);
        WindowedEvidence right = WindowedEvidence.empty(7, 5);
        for (int i = 0; i < 400; i++) {
            double r = random.nextDouble();
            long t = random.nextLong(0, 300);
            whole = whole.plus(r, t);
            if (random.nextBoolean()) {
                left = left.plus(r, t);
            } else {
                right = right.plus(r, t);
            }
        }

        WindowedEvidence merged = right.merge(left);

        assertThat(merged.buckets()).hasSameSizeAs(whole.buckets());
        for (long now = 250; now <= 320; now += 7) {
            assertThat(merged.at(now).weight()).isEqualTo(whole.at(now).weight());
            assertThat(merged.at(now).rewardSum()).isCloseTo(whole.at(now).rewardSum(), within(1e-9));
        }
    }
}
