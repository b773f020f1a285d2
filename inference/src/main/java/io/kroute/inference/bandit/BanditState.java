package io.kroute.inference.bandit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable state of one bandit: its arms in a stable order, each with a prior and its evidence, a version
 * that grows with every change, and {@code asOf}, the clock time the state describes (the latest reward time).
 * Decisions are made from one state; a policy's selection probabilities are computed once per state.
 */
public final class BanditState {

    /** One arm's prior and evidence. */
    public record Arm(String id, ArmPrior prior, ArmEvidence evidence) {
        public Arm {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(prior, "prior");
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    private final Forgetting forgetting;
    private final long version;
    private final long asOf;
    private final Map<String, Arm> arms;
    private volatile ArmView view;

    private BanditState(Forgetting forgetting, long version, long asOf, Map<String, Arm> arms) {
        this.forgetting = forgetting;
        this.version = version;
        this.asOf = asOf;
        this.arms = Collections.unmodifiableMap(arms);
    }

    /** A state with no arms. */
    public static BanditState empty(Forgetting forgetting) {
        return new BanditState(Objects.requireNonNull(forgetting, "forgetting"), 0, Long.MIN_VALUE,
                new LinkedHashMap<>());
    }

    /** Rebuilds a state from stored parts (for example read back from a state store). */
    public static BanditState of(Forgetting forgetting, long version, long asOf, List<Arm> arms) {
        Map<String, Arm> byId = new LinkedHashMap<>();
        for (Arm arm : arms) {
            checkKind(forgetting, arm.evidence());
            if (byId.put(arm.id(), arm) != null) {
                throw new IllegalArgumentException("arms: expected unique ids, found '" + arm.id() + "' twice");
            }
        }
        return new BanditState(forgetting, version, asOf, byId);
    }

    private static void checkKind(Forgetting forgetting, ArmEvidence evidence) {
        // Merging with empty evidence of the configured kind fails fast on a mismatch.
        forgetting.empty().merge(evidence);
    }

    public Forgetting forgetting() {
        return forgetting;
    }

    public long version() {
        return version;
    }

    public long asOf() {
        return asOf;
    }

    public List<String> armIds() {
        return List.copyOf(arms.keySet());
    }

    public List<Arm> arms() {
        return List.copyOf(arms.values());
    }

    public boolean hasArm(String id) {
        return arms.containsKey(id);
    }

    public Arm arm(String id) {
        Arm arm = arms.get(id);
        if (arm == null) {
            throw new IllegalArgumentException("unknown arm '" + id + "'; known arms: " + arms.keySet());
        }
        return arm;
    }

    /** Adds an arm that starts from {@code prior}; adding an arm that exists replaces its prior only. */
    public BanditState withArm(String id, ArmPrior prior) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("arm id: expected a non-blank name, found '" + id + "'");
        }
        Map<String, Arm> next = new LinkedHashMap<>(arms);
        Arm existing = arms.get(id);
        next.put(id, new Arm(id, prior, existing == null ? forgetting.empty() : existing.evidence()));
        return new BanditState(forgetting, version + 1, asOf, next);
    }

    /** Removes an arm; its evidence is dropped. */
    public BanditState withoutArm(String id) {
        if (!arms.containsKey(id)) {
            return this;
        }
        Map<String, Arm> next = new LinkedHashMap<>(arms);
        next.remove(id);
        return new BanditState(forgetting, version + 1, asOf, next);
    }

    /** Adds one validated reward in [0, 1] for a known arm. */
    public BanditState withReward(String id, double reward, long time) {
        Arm arm = arm(id);
        Map<String, Arm> next = new LinkedHashMap<>(arms);
        next.put(id, new Arm(id, arm.prior(), arm.evidence().plus(reward, time)));
        return new BanditState(forgetting, version + 1, Math.max(asOf, time), next);
    }

    /**
     * Merges evidence arm by arm. Arms of either side are kept; where both have an arm, this side's prior wins.
     * The version is one above the larger of the two.
     */
    public BanditState merge(BanditState other) {
        Map<String, Arm> next = new LinkedHashMap<>(arms);
        for (Arm theirs : other.arms.values()) {
            Arm mine = next.get(theirs.id());
            next.put(theirs.id(), mine == null ? theirs
                    : new Arm(mine.id(), mine.prior(), mine.evidence().merge(theirs.evidence())));
        }
        return new BanditState(forgetting, Math.max(version, other.version) + 1, Math.max(asOf, other.asOf), next);
    }

    /** The same state as seen at a later clock time (evidence discounted further), as a new version. */
    public BanditState advancedTo(long time) {
        if (time <= asOf) {
            return this;
        }
        return new BanditState(forgetting, version + 1, time, new LinkedHashMap<>(arms));
    }

    /** Total evidence weight at {@code asOf}, over all arms. */
    public double evidenceWeight() {
        return view().totalWeight();
    }

    /** The arm statistics at {@code asOf}, as arrays for the policies. Computed once per state. */
    public ArmView view() {
        ArmView v = view;
        if (v == null) {
            int k = arms.size();
            List<String> ids = new ArrayList<>(k);
            double[] alpha = new double[k];
            double[] beta = new double[k];
            double[] weight = new double[k];
            double[] sum = new double[k];
            double[] squares = new double[k];
            int i = 0;
            for (Arm arm : arms.values()) {
                Moments m = arm.evidence().at(asOf);
                ids.add(arm.id());
                alpha[i] = arm.prior().alpha();
                beta[i] = arm.prior().beta();
                weight[i] = m.weight();
                // Rounding in discounted sums must not push the sum above the count.
                sum[i] = Math.min(m.rewardSum(), m.weight());
                squares[i] = Math.min(m.rewardSquareSum(), sum[i]);
                i++;
            }
            v = new ArmView(ids, alpha, beta, weight, sum, squares, quietTime());
            view = v;
        }
        return v;
    }

    /**
     * Clock units from the last change any arm detected to {@code asOf}, or from the first reward when none was
     * detected; infinite when the arms detect no changes or have no rewards yet.
     */
    double quietTime() {
        long lastChange = Long.MIN_VALUE;
        long firstReward = Long.MAX_VALUE;
        for (Arm arm : arms.values()) {
            if (arm.evidence() instanceof ChangeDetectingEvidence d && d.since() != Long.MIN_VALUE) {
                if (d.changes() > 0) {
                    lastChange = Math.max(lastChange, d.since());
                }
                firstReward = Math.min(firstReward, d.since());
            }
        }
        long from = lastChange != Long.MIN_VALUE ? lastChange : firstReward;
        if (from == Long.MAX_VALUE || asOf == Long.MIN_VALUE) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, (double) asOf - from);
    }

    @Override
    public String toString() {
        return "BanditState{version=" + version + ", asOf=" + asOf + ", arms=" + arms.values() + "}";
    }
}
