package io.kroute.topology.arms;

import io.kroute.schemas.ArmState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The arm statistics of every class as this instance last read them from {@code arm-state}, for the decide
 * tasks. The arm-state updater (global thread) replaces a class's snapshot whole on each change; decide tasks
 * read snapshots without locks and recognise a changed class by a new snapshot object.
 */
public final class ArmBoard {

    /** The arms of one class: provider → statistics. Immutable. */
    public record ClassArms(String label, Map<String, ArmState> byProvider) {
        public static ClassArms empty(String label) {
            return new ClassArms(label, Map.of());
        }
    }

    private final Map<String, ClassArms> byLabel = new ConcurrentHashMap<>();

    /** The current snapshot of a class; an empty one when nothing was learnt for it yet. */
    public ClassArms arms(String label) {
        ClassArms arms = byLabel.get(label);
        // The same empty snapshot every time, so readers that cache by snapshot identity keep their cache.
        return arms != null ? arms : byLabel.computeIfAbsent(label, ClassArms::empty);
    }

    /** Records one arm's newer statistics; older versions (a replay) are ignored. */
    public void update(ArmState state) {
        Objects.requireNonNull(state, "state");
        byLabel.compute(state.getLabel(), (label, current) -> {
            Map<String, ArmState> next = new LinkedHashMap<>(current == null ? Map.of() : current.byProvider());
            ArmState previous = next.get(state.getProvider());
            if (previous != null && previous.getVersion() > state.getVersion()) {
                return current;
            }
            next.put(state.getProvider(), state);
            return new ClassArms(label, Map.copyOf(next));
        });
    }
}
