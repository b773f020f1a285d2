package io.kroute.topology.arms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.inference.bandit.ArmEvidence;
import io.kroute.inference.bandit.ChangeAwareEvidence;
import io.kroute.inference.bandit.ChangeDetectingEvidence;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.DecayedEvidence;
import io.kroute.inference.bandit.Forgetting;
import io.kroute.schemas.ArmHistory;
import io.kroute.schemas.ArmState;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How an {@code arm-state} record is read back as the evidence of the configured forgetting. */
class ArmStateEvidenceTest {

    private static ArmState.Builder state() {
        return ArmState.newBuilder().setLabel("code").setProvider("alpha").setSuccesses(3).setFailures(1)
                .setRewardSum(3).setRewardSquareSum(2.5).setWeight(4).setCount(9).setHalfLifeMs(60_000L)
                .setLastUpdatedAt(Instant.ofEpochMilli(1_000)).setVersion(9);
    }

    @Test
    void shouldReadTheSumsAsDecayedEvidenceUnderPlainDiscounting() {
        ArmEvidence evidence = ArmStates.evidence(state().build(), Forgetting.halfLife(60_000));

        assertThat(evidence).isEqualTo(new DecayedEvidence(60_000, 1_000, 9, 4, 3, 2.5));
    }

    @Test
    void shouldReadTheSumsAsRecentAndTheHistoryAsHistoryUnderChangeAwareDiscounting() {
        ArmState record = state().setHistory(ArmHistory.newBuilder().setWeight(9).setRewardSum(8)
                .setRewardSquareSum(7.5).setHalfLifeMs(null).build()).build();

        ChangeAwareEvidence evidence = (ChangeAwareEvidence) ArmStates.evidence(record,
                Forgetting.changeAware(60_000, 0, 3));

        assertThat(evidence.recent()).isEqualTo(new DecayedEvidence(60_000, 1_000, 9, 4, 3, 2.5));
        assertThat(evidence.history()).isEqualTo(new DecayedEvidence(0, 1_000, 9, 9, 8, 7.5));
        assertThat(evidence.threshold()).isEqualTo(3);
    }

    @Test
    void shouldStartTheHistoryFromTheSumsOfARecordWrittenWithoutOne() {
        ChangeAwareEvidence evidence = (ChangeAwareEvidence) ArmStates.evidence(state().build(),
                Forgetting.changeAware(60_000, 0, 3));

        assertThat(evidence.history()).isEqualTo(new DecayedEvidence(0, 1_000, 9, 4, 3, 2.5));
        // Recent and history agree, so the arm is described by the history.
        assertThat(evidence.at(1_000).weight()).isEqualTo(4);
    }

    @Test
    void shouldWriteAndReadBackAnArmWithItsChangeDetector() {
        Forgetting forgetting = PolicyCatalog.detecting(3_600_000);
        SplittableRandom random = new SplittableRandom(3);
        ArmEvidence evidence = forgetting.empty();
        for (long t = 0; t < 3_000; t++) {
            // A poor arm that becomes excellent: the detector restarts its segment.
            evidence = evidence.plus(random.nextDouble() < (t < 2_000 ? 0.3 : 0.9) ? 1 : 0, 1_000 * t);
        }
        ChangeDetectingEvidence written = (ChangeDetectingEvidence) evidence;

        ArmState record = ArmStates.record("code", "alpha", written, 7);
        ChangeDetectingEvidence read = (ChangeDetectingEvidence) ArmStates.evidence(record, forgetting);

        assertThat(written.changes()).isPositive();
        assertThat(record.getDetection().getChanges()).isEqualTo(written.changes());
        assertThat(read).isEqualTo(written);
        // The next reward folds in as it would have without the round trip.
        assertThat(read.plus(1, 3_000_000)).isEqualTo(written.plus(1, 3_000_000));
    }

    @Test
    void shouldStartTheDetectorsOfARecordWrittenUnderAnotherPolicy() {
        ChangeDetectingEvidence evidence = (ChangeDetectingEvidence) ArmStates.evidence(state().build(),
                PolicyCatalog.detecting(60_000));

        assertThat(evidence.segment()).isEqualTo(new DecayedEvidence(180_000, 1_000, 9, 4, 3, 2.5));
        assertThat(evidence.changes()).isZero();
        assertThat(evidence.detectors()).allSatisfy(d -> assertThat(d.updates()).isZero());
    }

    @Test
    void shouldClampSumsThatNoRewardsCouldHaveProduced() {
        ArmState corrupt = state().setWeight(2).setRewardSum(5).setRewardSquareSum(-1).build();

        DecayedEvidence evidence = (DecayedEvidence) ArmStates.evidence(corrupt, Forgetting.halfLife(60_000));

        assertThat(evidence.rewardSum()).isEqualTo(2);
        assertThat(evidence.rewardSquareSum()).isEqualTo(0);
    }
}
