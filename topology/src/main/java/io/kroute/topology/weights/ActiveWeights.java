package io.kroute.topology.weights;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model every decide task of one application instance uses. The weights updater (on the global thread)
 * swaps it in one atomic step; decide tasks read it once per record, so a swap never blocks them and every
 * record is decided by exactly one complete model.
 */
public final class ActiveWeights {

    private final AtomicReference<ActiveModel> current;

    /** Starts with {@code initial} (the shipped default), used until a valid file arrives on {@code weights}. */
    public ActiveWeights(ActiveModel initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public ActiveModel current() {
        return current.get();
    }

    void activate(ActiveModel model) {
        current.set(Objects.requireNonNull(model, "model"));
    }
}
