package io.kroute.topology.arms;

import io.kroute.inference.bandit.ArmEvidence;
import io.kroute.inference.bandit.ChangeAwareEvidence;
import io.kroute.inference.bandit.ChangeDetectingEvidence;
import io.kroute.inference.bandit.DecayedEvidence;
import io.kroute.inference.bandit.Forgetting;
import io.kroute.schemas.ArmDetection;
import io.kroute.schemas.ArmDetector;
import io.kroute.schemas.ArmHistory;
import io.kroute.schemas.ArmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between {@code arm-state} records and the bandit's evidence: the learn path writes an arm's
 * evidence as a record, the decide path reads records back as evidence under the configured forgetting.
 */
public final class ArmStates {

    private ArmStates() {
    }

    /**
     * The evidence an arm-state record describes, under this application's forgetting. Statistics written
     * under another half-life (a changed setting) are taken as they stand and discounted from now on; a record
     * without a history (written before change-aware discounting was chosen) starts its history from its sums.
     */
    public static ArmEvidence evidence(ArmState state, Forgetting forgetting) {
        long time = state.getLastUpdatedAt().toEpochMilli();
        double weight = Math.max(0, state.getWeight());
        if (forgetting instanceof Forgetting.ChangeAware changeAware) {
            DecayedEvidence recent = decayed(changeAware.recentHalfLife(), time, state.getCount(), weight,
                    state.getRewardSum(), state.getRewardSquareSum());
            ArmHistory history = state.getHistory();
            DecayedEvidence longer = history == null
                    ? decayed(changeAware.historyHalfLife(), time, state.getCount(), weight, state.getRewardSum(),
                            state.getRewardSquareSum())
                    : decayed(changeAware.historyHalfLife(), time, state.getCount(), Math.max(0, history.getWeight()),
                            history.getRewardSum(), history.getRewardSquareSum());
            return new ChangeAwareEvidence(recent, longer, changeAware.threshold());
        }
        if (forgetting instanceof Forgetting.ChangeDetecting detecting) {
            return detecting(state, detecting, time, weight);
        }
        double halfLife = forgetting instanceof Forgetting.Exponential e ? e.halfLife() : 0;
        return decayed(halfLife, time, state.getCount(), weight, state.getRewardSum(), state.getRewardSquareSum());
    }

    /**
     * The record of an arm's evidence: the (recent) sums, and under change-aware discounting the longer history
     * beside them.
     *
     * @param version the record's version: one more than the record it replaces
     */
    public static ArmState record(String label, String provider, ArmEvidence evidence, long version) {
        DecayedEvidence sums;
        ArmHistory history = null;
        ArmDetection detection = null;
        if (evidence instanceof ChangeDetectingEvidence detecting) {
            sums = detecting.segment();
            detection = detection(detecting);
        } else if (evidence instanceof ChangeAwareEvidence changeAware) {
            sums = changeAware.recent();
            DecayedEvidence longer = changeAware.history();
            history = ArmHistory.newBuilder()
                    .setWeight(longer.weight())
                    .setRewardSum(longer.rewardSum())
                    .setRewardSquareSum(longer.rewardSquareSum())
                    .setHalfLifeMs(halfLifeMs(longer))
                    .build();
        } else {
            sums = (DecayedEvidence) evidence;
        }
        return ArmState.newBuilder()
                .setLabel(label)
                .setProvider(provider)
                .setSuccesses(sums.rewardSum())
                .setFailures(Math.max(0, sums.weight() - sums.rewardSum()))
                .setRewardSum(sums.rewardSum())
                .setRewardSquareSum(sums.rewardSquareSum())
                .setWeight(sums.weight())
                .setCount(sums.updates())
                .setHalfLifeMs(halfLifeMs(sums))
                .setLastUpdatedAt(Instant.ofEpochMilli(sums.referenceTime()))
                .setVersion(version)
                .setHistory(history)
                .setDetection(detection)
                .build();
    }

    /**
     * Change-detecting evidence from a record: the sums are the segment; a record without detectors (written under
     * another policy) or with detectors of other half-lives (a changed setting) starts its detectors afresh.
     */
    private static ChangeDetectingEvidence detecting(ArmState state, Forgetting.ChangeDetecting forgetting, long time,
            double weight) {
        DecayedEvidence segment = decayed(forgetting.segmentHalfLife(), time, state.getCount(), weight,
                state.getRewardSum(), state.getRewardSquareSum());
        ChangeDetectingEvidence fresh = (ChangeDetectingEvidence) forgetting.empty();
        ArmDetection detection = state.getDetection();
        double[] halfLives = forgetting.detectorHalfLives();
        List<DecayedEvidence> detectors = fresh.detectors();
        if (detection != null && detection.getDetectors().size() == halfLives.length) {
            List<DecayedEvidence> read = new ArrayList<>(halfLives.length);
            for (int i = 0; i < halfLives.length; i++) {
                ArmDetector d = detection.getDetectors().get(i);
                if (Double.compare(d.getHalfLifeRewards(), halfLives[i]) != 0) {
                    read = null;
                    break;
                }
                double w = Math.max(0, d.getWeight());
                // A detector's clock is its own reward count: its last reward came at updates - 1.
                read.add(d.getUpdates() <= 0 ? DecayedEvidence.empty(halfLives[i])
                        : new DecayedEvidence(halfLives[i], d.getUpdates() - 1, d.getUpdates(), w,
                                Math.min(Math.max(0, d.getRewardSum()), w), Math.max(0, d.getRewardSquareSum())));
            }
            detectors = read == null ? detectors : read;
        }
        long changes = detection == null ? 0 : Math.max(0, detection.getChanges());
        long since = detection == null ? time : detection.getSince().toEpochMilli();
        return new ChangeDetectingEvidence(segment, detectors, forgetting.threshold(), forgetting.minimumWeight(),
                changes, since);
    }

    private static ArmDetection detection(ChangeDetectingEvidence evidence) {
        List<ArmDetector> detectors = new ArrayList<>(evidence.detectors().size());
        for (DecayedEvidence d : evidence.detectors()) {
            detectors.add(ArmDetector.newBuilder().setHalfLifeRewards(d.halfLife()).setUpdates(d.updates())
                    .setWeight(d.weight()).setRewardSum(d.rewardSum()).setRewardSquareSum(d.rewardSquareSum())
                    .build());
        }
        return ArmDetection.newBuilder().setChanges(evidence.changes())
                .setSince(Instant.ofEpochMilli(evidence.since())).setThreshold(evidence.threshold())
                .setMinimumWeight(evidence.minimumWeight()).setDetectors(detectors).build();
    }

    /** Decayed evidence from stored sums, clamped into what the sums can be (a record is read, not trusted). */
    private static DecayedEvidence decayed(double halfLife, long time, long count, double weight, double rewardSum,
            double rewardSquareSum) {
        return new DecayedEvidence(halfLife, time, count, weight, Math.min(Math.max(0, rewardSum), weight),
                Math.max(0, rewardSquareSum));
    }

    private static Long halfLifeMs(DecayedEvidence evidence) {
        return evidence.halfLife() == 0 ? null : Math.round(evidence.halfLife());
    }
}
