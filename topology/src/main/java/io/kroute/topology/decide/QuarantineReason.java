package io.kroute.topology.decide;

import java.util.Locale;

/**
 * Why a prompt was held: the stable first word of a quarantine record's {@code reason}, for metrics and filtering
 * (the rest of the reason says what was measured). The one list of quarantine reasons; docs/anomaly.md has its
 * table.
 */
public enum QuarantineReason {
    /** The anomaly filter's combined score exceeded the threshold. */
    ANOMALY,
    /** The prompt is longer than {@code maxPromptChars}; it was neither classified nor screened. */
    OVERSIZE;

    /** The reason as records carry it: {@code anomaly}, {@code oversize}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
