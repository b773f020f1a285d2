package io.kroute.topology.metrics;

/**
 * What the topology counts, free of any metrics library: the runtime binds it to its registry, tests read
 * {@link InMemoryKrouteCounters}. Implementations must be thread-safe (stream threads and the global thread
 * call them at once) and cheap (they sit on the per-record path).
 */
public interface KrouteCounters {

    /** A prompt was routed: its class and the chosen provider. */
    void decision(String label, String provider);

    /** A prompt was held by the anomaly filter. */
    void quarantined(String label);

    /** A prompt was held because the routing rules let no provider serve it. */
    void noEligibleProvider(String label);

    /** A routed prompt could not go to {@code provider}, by the first rule that excluded it. */
    void providerExcluded(String provider, String rule);

    /** A record went to {@code dead-letters}; {@code reason} is a short stable category. */
    void deadLetter(String sourceTopic, String reason);

    /** A reward was folded into an arm; {@code defaulted} when it is the default reward for a silent decision. */
    void rewardFolded(String label, String provider, boolean defaulted);

    /** A reward for a provider in a decision's fallback list was folded into that provider's arm. */
    void fallbackRewardFolded(String label, String provider);

    /** A reward matched no decision (none known, or already expired), by category: unmatched, late, ... */
    void rewardRejected(String reason);

    /** A second reward for an already rewarded decision, ignored by configuration. */
    void rewardDuplicate();

    /** A weight file was refused; {@code reason} is the reader's category (checksum, golden, ...). */
    void weightsRefused(String reason);

    /** A weight file became the active model. */
    void weightsActivated(String modelName, String modelVersion);

    /** Time spent deciding one prompt, from decoded bytes to the decision or quarantine record. */
    void decisionLatency(long nanos);
}
