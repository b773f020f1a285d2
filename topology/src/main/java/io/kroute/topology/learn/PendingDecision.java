package io.kroute.topology.learn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private static final byte FORMAT = 1;

    public PendingDecision withReward() {
        return new PendingDecision(label, provider, propensity, decidedAt, deadline, rewards + 1, closed);
    }

    public PendingDecision closedUntil(long dropAt) {
        return new PendingDecision(label, provider, propensity, decidedAt, dropAt, rewards, true);
    }

    /** A compact binary serde for the store; the leading format byte leaves room to evolve. */
    public static Serde<PendingDecision> serde() {
        Serializer<PendingDecision> serializer = (topic, p) -> {
            if (p == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                out.writeUTF(p.label);
                out.writeUTF(p.provider);
                out.writeDouble(p.propensity);
                out.writeLong(p.decidedAt);
                out.writeLong(p.deadline);
                out.writeInt(p.rewards);
                out.writeBoolean(p.closed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<PendingDecision> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
                byte format = in.readByte();
                if (format != FORMAT) {
                    throw new IllegalStateException("pending decision: expected format " + FORMAT + ", found " + format);
                }
                return new PendingDecision(in.readUTF(), in.readUTF(), in.readDouble(), in.readLong(), in.readLong(),
                        in.readInt(), in.readBoolean());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer, deserializer);
    }
}
