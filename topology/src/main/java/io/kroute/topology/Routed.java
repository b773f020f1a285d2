package io.kroute.topology;

import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;

/** What the decide processor makes of one prompt record: exactly one of these. */
public sealed interface Routed {

    record Decided(RoutingDecision decision) implements Routed {
    }

    record Quarantined(QuarantineRecord record) implements Routed {
    }

    record DeadLettered(DeadLetter letter) implements Routed {
    }
}
