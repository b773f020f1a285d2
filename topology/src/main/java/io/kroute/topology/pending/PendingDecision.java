package io.kroute.topology.pending;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the learn path remembers of a decision while it waits for the reward: the arm it pulled and when its
 * window closes. After the window closes the entry stays, {@code closed}, for one more window, so a late
 * reward is told apart from one that never had a decision.
 *
 * @param deadline event time at which the reward window closes (or, once closed, at which the entry is dropped)
 * @param rewards rewards folded in so far
 */
public record PendingDecision(String label, String provider, double propensity, long decidedAt, long deadline,
        int rewards, boolean closed) {

    /** Standard UTF-8 strings in one exactly sized array. */
    private static final byte FORMAT = 2;
    /** The earlier layout (Java's modified UTF-8, via DataOutputStream), still read from existing stores. */
    private static final byte FORMAT_DATA_STREAM = 1;

    public PendingDecision withReward() {
        return new PendingDecision(label, provider, propensity, decidedAt, deadline, rewards + 1, closed);
    }

    public PendingDecision closedUntil(long dropAt) {
        return new PendingDecision(label, provider, propensity, decidedAt, dropAt, rewards, true);
    }

    /**
     * A compact binary serde for the store; the leading format byte leaves room to evolve. Written into one array
     * of the exact size (no stream, no lock per byte): every decision is written once, on the decide path.
     * Layout: format, label and provider (each a 2-byte length and UTF-8 bytes), propensity, decidedAt, deadline,
     * rewards, closed.
     */
    public static Serde<PendingDecision> serde() {
        Serializer<PendingDecision> serializer = (topic, p) -> {
            if (p == null) {
                return null;
            }
            byte[] label = utf8(p.label, "label");
            byte[] provider = utf8(p.provider, "provider");
            ByteBuffer out = ByteBuffer.allocate(1 + 2 + label.length + 2 + provider.length + 8 + 8 + 8 + 4 + 1);
            out.put(FORMAT);
            out.putShort((short) label.length).put(label);
            out.putShort((short) provider.length).put(provider);
            out.putDouble(p.propensity).putLong(p.decidedAt).putLong(p.deadline).putInt(p.rewards)
                    .put((byte) (p.closed ? 1 : 0));
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
                if (format != FORMAT) {
                    throw new IllegalStateException("pending decision: expected format " + FORMAT + " or "
                            + FORMAT_DATA_STREAM + ", found " + format);
                }
                return new PendingDecision(string(in), string(in), in.getDouble(), in.getLong(), in.getLong(),
                        in.getInt(), in.get() != 0);
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
