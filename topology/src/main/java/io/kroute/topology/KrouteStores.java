package io.kroute.topology;

/** Names of kroute's state stores, for interactive queries and tests. */
public final class KrouteStores {

    /**
     * Global (every instance holds all of it): {@code class|provider} → {@link io.kroute.schemas.ArmState},
     * fed by {@code arm-state}. The store to query for arm statistics; any instance answers for every arm.
     */
    public static final String ARM_STATE = "arm-state-store";
    /** Global: model name → a JSON summary of the active weight file. */
    public static final String WEIGHTS = "weights-store";
    /** Partitioned by prompt id: decisions waiting for their reward. */
    public static final String PENDING_DECISIONS = "pending-decisions-store";
    /** Partitioned by prompt id: deadline index over the pending decisions, ordered by time. */
    public static final String DECISION_DEADLINES = "decision-deadlines-store";
    /** Partitioned by arm: the authoritative arm statistics that {@code arm-state} publishes. */
    public static final String ARM_STATISTICS = "arm-statistics-store";
    /** Partitioned by prompt id: each task's adaptive anomaly baseline per tenant. */
    public static final String TENANT_BASELINES = "tenant-baselines-store";

    private KrouteStores() {
    }
}
