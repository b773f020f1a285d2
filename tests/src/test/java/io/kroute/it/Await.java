package io.kroute.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waits on conditions: poll every 100 ms, fail with a description once the bound has passed. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + bound.toSeconds() + " s for " + what);
            }
            pause();
        }
    }

    /** Polls {@code value} until {@code done} accepts it; returns the accepted value. */
    public static <T> T until(String what, Duration bound, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        T current = value.get();
        while (!done.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + bound.toSeconds() + " s for " + what + "; last seen: " + current);
            }
            pause();
            current = value.get();
        }
        return current;
    }

    private static void pause() {
        // The interval between two checks of a condition, never a wait in place of one.
        LockSupport.parkNanos(100_000_000L);
        if (Thread.interrupted()) {
            throw new AssertionError("interrupted while waiting");
        }
    }
}
