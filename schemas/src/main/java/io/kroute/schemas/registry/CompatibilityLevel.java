package io.kroute.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}.
 * BACKWARD: consumers using the new schema can read data written with the previous one (the default).
 * FORWARD: consumers using the previous schema can read data written with the new one. FULL: both.
 * The TRANSITIVE variants check against every earlier version instead of only the newest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a compatibility level (NONE, BACKWARD, BACKWARD_TRANSITIVE, "
                    + "FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE), found '" + name + "'", e);
        }
    }

    /** Whether checks at this level look at every earlier version rather than only the newest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * The reasons {@code candidate} is incompatible with {@code existing} (ordered oldest first), empty when
     * it is compatible. Non-transitive levels only look at the last element.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        if (this == NONE || existing.isEmpty()) {
            return problems;
        }
        List<Schema> against = transitive ? existing : existing.subList(existing.size() - 1, existing.size());
        for (Schema previous : against) {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
                        "the new schema cannot read data written with an earlier one", problems);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
                        "an earlier schema cannot read data written with the new one", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(direction + ": "
                + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                + incompatibility.getMessage() + ")"));
    }
}
