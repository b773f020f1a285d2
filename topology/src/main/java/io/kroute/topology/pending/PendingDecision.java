package io.kroute.topology.pending;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the learn path remembers of a decision while it waits for the reward: the arm it pulled and when its
 * window closes. After the window closes the entry stays, {@code closed}, for one more window, so a late
 * reward is told apart from one that never had a decision.
 *
 * @param deadline event time at which the reward window closes (or, once closed, at which the entry is dropped)
 * @param rewards rewards folded in so far for the chosen provider
 * @param fallbacks the decision's fallback providers, best first
 * @param fallbacksRewarded which fallbacks got a reward already (bit {@code i} for {@code fallbacks.get(i)})
 */
public record PendingDecision(String label, String provider, double propensity, long decidedAt, long deadline,
        int rewards, boolean closed, List<String> fallbacks, long fallbacksRewarded) {

    /** The most fallbacks a window remembers (one bit each in {@code fallbacksRewarded}). */
    public static final int MAX_FALLBACKS = 63;
    /** Format 2 followed by the fallbacks (a count, then each string) and the rewarded fallbacks' bits. */
    private static final byte FORMAT = 3;
    /** Standard UTF-8 strings in one exactly sized array, without fallbacks; still read from existing stores. */
    private static final byte FORMAT_WITHOUT_FALLBACKS = 2;
    /** The earlier layout (Java's modified UTF-8, via DataOutputStream), still read from existing stores. */
    private static final byte FORMAT_DATA_STREAM = 1;

    public PendingDecision {
        fallbacks = List.copyOf(fallbacks.subList(0, Math.min(fallbacks.size(), MAX_FALLBACKS)));
    }

    /** A decision without fallbacks. */
    public PendingDecision(String label, String provider, double propensity, long decidedAt, long deadline,
            int rewards, boolean closed) {
        this(label, provider, propensity, decidedAt, deadline, rewards, closed, List.of(), 0);
    }

    public PendingDecision withReward() {
        return new PendingDecision(label, provider, propensity, decidedAt, deadline, rewards + 1, closed, fallbacks,
                fallbacksRewarded);
    }

    /** The index of {@code candidate} among the fallbacks, or -1. */
    public int fallbackIndex(String candidate) {
        return fallbacks.indexOf(candidate);
    }

    public boolean fallbackRewarded(int index) {
        return (fallbacksRewarded & (1L << index)) != 0;
    }

    public PendingDecision withFallbackReward(int index) {
        return new PendingDecision(label, provider, propensity, decidedAt, deadline, rewards, closed, fallbacks,
                fallbacksRewarded | 1L << index);
    }

    public PendingDecision closedUntil(long dropAt) {
        return new PendingDecision(label, provider, propensity, decidedAt, dropAt, rewards, true, fallbacks,
                fallbacksRewarded);
    }

    /**
     * A compact binary serde for the store; the leading format byte leaves room to evolve. Written into one array
     * of the exact size (no stream, no lock per byte): every decision is written once, on the decide path.
     * Layout: format, label and provider (each a 2-byte length and UTF-8 bytes), propensity, decidedAt, deadline,
     * rewards, closed, the number of fallbacks (1 byte) and each (as the strings before), fallbacksRewarded.
     */
    public static Serde<PendingDecision> serde() {
        Serializer<PendingDecision> serializer = (topic, p) -> {
            if (p == null) {
                return null;
            }
            byte[] label = utf8(p.label, "label");
            byte[] provider = utf8(p.provider, "provider");
            byte[][] fallbacks = new byte[p.fallbacks.size()][];
            int size = 1 + 2 + label.length + 2 + provider.length + 8 + 8 + 8 + 4 + 1 + 1 + 8;
            for (int i = 0; i < fallbacks.length; i++) {
                fallbacks[i] = utf8(p.fallbacks.get(i), "fallback");
                size += 2 + fallbacks[i].length;
            }
            ByteBuffer out = ByteBuffer.allocate(size);
            out.put(FORMAT);
            out.putShort((short) label.length).put(label);
            out.putShort((short) provider.length).put(provider);
            out.putDouble(p.propensity).putLong(p.decidedAt).putLong(p.deadline).putInt(p.rewards)
                    .put((byte) (p.closed ? 1 : 0));
            out.put((byte) fallbacks.length);
            for (byte[] fallback : fallbacks) {
                out.putShort((short) fallback.length).put(fallback);
            }
            out.putLong(p.fallbacksRewarded);
            return out.array();
        };
        Deserializer<PendingDecision> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                ByteBuffer in = ByteBuffer.wrap(data);
                byte format = in.get();
                if (format == FORMAT_DATA_STREAM) {
                    return fromDataStream(data);
                }
                if (format != FORMAT && format != FORMAT_WITHOUT_FALLBACKS) {
                    throw new IllegalStateException("pending decision: expected format " + FORMAT + ", "
                            + FORMAT_WITHOUT_FALLBACKS + " or " + FORMAT_DATA_STREAM + ", found " + format);
                }
                PendingDecision read = new PendingDecision(string(in), string(in), in.getDouble(), in.getLong(),
                        in.getLong(), in.getInt(), in.get() != 0);
                if (format == FORMAT_WITHOUT_FALLBACKS) {
                    return read;
                }
                String[] fallbacks = new String[Byte.toUnsignedInt(in.get())];
                for (int i = 0; i < fallbacks.length; i++) {
                    fallbacks[i] = string(in);
                }
                return new PendingDecision(read.label, read.provider, read.propensity, read.decidedAt, read.deadline,
                        read.rewards, read.closed, List.of(fallbacks), in.getLong());
            } catch (BufferUnderflowException e) {
                throw new IllegalStateException("pending decision: expected more bytes, the value of "
                        + data.length + " bytes ends early", e);
            }
        };
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer, deserializer);
    }

    private static PendingDecision fromDataStream(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            return new PendingDecision(in.readUTF(), in.readUTF(), in.readDouble(), in.readLong(), in.readLong(),
                    in.readInt(), in.readBoolean());
        } catch (IOException e) {
            throw new IllegalStateException("pending decision (format " + FORMAT_DATA_STREAM + "): " + e, e);
        }
    }

    private static byte[] utf8(String value, String what) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("pending decision: expected a " + what + " of at most 65535 UTF-8 "
                    + "bytes, found " + bytes.length);
        }
        return bytes;
    }

    private static String string(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
