package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CusumEvidenceTest {

    private static final CusumEvidence EMPTY = CusumEvidence.empty(100, 0.1, Math.log(100_000 / 5.0));

    @Test
    void shouldRestartTheArmSoonAfterAChange() {
        SplittableRandom random = new SplittableRandom(2);
        CusumEvidence e = EMPTY;
        for (long t = 0; t < 20_000; t++) {
            e = e.plus(random.nextDouble() < 0.5 ? 1 : 0, t);
        }
        // A warm-up mean that is off by about the drift can raise the odd false alarm (the test's own weakness).
        assertThat(e.changes()).isLessThanOrEqualTo(2);
        long before = e.changes();
        int rewards = 0;
        while (e.changes() == before && rewards < 1_000) {
            e = e.plus(random.nextDouble() < 0.9 ? 1 : 0, 20_000 + rewards++);
        }
        // Drift 0.1 against a jump of 0.4: the statistic grows by about 0.3 a reward up to ln(20,000) = 9.9.
        assertThat(rewards).isBetween(15, 60);
        assertThat(e.count()).isZero();
    }

    @Test
    void shouldRefuseToMergeTwoSequentialTests() {
        CusumEvidence a = EMPTY.plus(1, 0);
        CusumEvidence b = EMPTY.plus(0, 1);

        assertThat(EMPTY.merge(a)).isEqualTo(a);
        assertThatThrownBy(() -> a.merge(b)).hasMessageContaining("one writer per arm");
    }
}
