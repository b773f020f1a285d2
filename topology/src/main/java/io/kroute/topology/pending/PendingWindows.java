package io.kroute.topology.pending;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import io.kroute.topology.KrouteStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The reward windows of one task: the decisions waiting for their reward ({@code pending-decisions-store}, by
 * prompt id) and a deadline index over them ({@code decision-deadlines-store}, ordered by time, then prompt id).
 * The decide processor opens a window when it routes a prompt; the reward join reads, updates and closes them.
 * Both run in the task of the prompt's partition, which is also the partition of its rewards (both keyed by
 * prompt id), so the window is written in the same transaction as the decision itself.
 */
public final class PendingWindows {

    private static final byte[] NO_VALUE = new byte[0];

    private final String pendingStoreName;
    private final String deadlineStoreName;
    private final long windowMs;
    private KeyValueStore<String, PendingDecision> pending;
    private KeyValueStore<Bytes, byte[]> deadlines;

    /** @param windowMs how long after its decision a reward is accepted, in event time */
    public PendingWindows(String pendingStoreName, String deadlineStoreName, long windowMs) {
        this.pendingStoreName = Objects.requireNonNull(pendingStoreName, "pendingStoreName");
        this.deadlineStoreName = Objects.requireNonNull(deadlineStoreName, "deadlineStoreName");
        if (windowMs < 0) {
            throw new IllegalArgumentException("reward window: expected at least 0 ms, found " + windowMs);
        }
        this.windowMs = windowMs;
    }

    /** The windows in kroute's stores, {@link KrouteStores#PENDING_DECISIONS} and its deadline index. */
    public static PendingWindows of(long windowMs) {
        return new PendingWindows(KrouteStores.PENDING_DECISIONS, KrouteStores.DECISION_DEADLINES, windowMs);
    }

    /** The builders of the stores {@link #of} uses. */
    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KrouteStores.PENDING_DECISIONS),
                        Serdes.String(), PendingDecision.serde()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KrouteStores.DECISION_DEADLINES),
                        Serdes.Bytes(), Serdes.ByteArray()));
    }

    /** Binds to the stores of the task {@code context} belongs to. */
    public void init(ProcessorContext<?, ?> context) {
        this.pending = context.getStateStore(pendingStoreName);
        this.deadlines = context.getStateStore(deadlineStoreName);
    }

    public long windowMs() {
        return windowMs;
    }

    /**
     * Opens the reward window of a decision made at event time {@code decidedAt}. A second decision for a prompt
     * id that is still pending (the same prompt sent twice) leaves the first window standing: its reward answers
     * the first decision.
     */
    public void open(String promptId, String label, String provider, double propensity, long decidedAt) {
        open(promptId, label, provider, propensity, List.of(), decidedAt);
    }

    /** Opens a window whose rewards may also come from the decision's {@code fallbacks}. */
    public void open(String promptId, String label, String provider, double propensity, List<String> fallbacks,
            long decidedAt) {
        if (pending.get(promptId) != null) {
            return;
        }
        long deadline = decidedAt + windowMs;
        pending.put(promptId, new PendingDecision(label, provider, propensity, decidedAt, deadline, 0, false,
                fallbacks, 0));
        deadlines.put(deadlineKey(deadline, promptId), NO_VALUE);
    }

    /** The pending decision of {@code promptId}, or null when there is none (never made, or forgotten). */
    public PendingDecision get(String promptId) {
        return pending.get(promptId);
    }

    public void update(String promptId, PendingDecision decision) {
        pending.put(promptId, decision);
    }

    /** What happens to a window whose deadline has passed. */
    public interface Expiry {
        void expired(String promptId, PendingDecision decision, long deadline);
    }

    /**
     * Closes every window whose deadline is at or before {@code streamTime}: an open window is handed to
     * {@code expiry} and then kept, closed, for one more window (so a late reward is told apart from one that
     * never had a decision); a closed one is forgotten.
     */
    public void closeDue(long streamTime, Expiry expiry) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = deadlines.range(deadlineKey(Long.MIN_VALUE, ""),
                deadlineKey(streamTime == Long.MAX_VALUE ? streamTime : streamTime + 1, ""))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, byte[]> entry : due) {
            deadlines.delete(entry.key);
            long deadline = ByteBuffer.wrap(entry.key.get()).getLong() ^ Long.MIN_VALUE;
            String promptId = new String(entry.key.get(), Long.BYTES, entry.key.get().length - Long.BYTES,
                    StandardCharsets.UTF_8);
            PendingDecision decision = pending.get(promptId);
            if (decision == null || decision.deadline() != deadline) {
                continue;
            }
            if (decision.closed()) {
                pending.delete(promptId);
                continue;
            }
            expiry.expired(promptId, decision, deadline);
            long dropAt = deadline + windowMs;
            if (dropAt <= streamTime) {
                pending.delete(promptId); // event time jumped past both windows at once
            } else {
                pending.put(promptId, decision.closedUntil(dropAt));
                deadlines.put(deadlineKey(dropAt, promptId), NO_VALUE);
            }
        }
    }

    /** Big-endian time with the sign bit flipped, so byte order is time order, then the prompt id. */
    static Bytes deadlineKey(long time, String promptId) {
        byte[] id = promptId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(time ^ Long.MIN_VALUE).put(id).array());
    }
}
