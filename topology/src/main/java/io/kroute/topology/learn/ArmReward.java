package io.kroute.topology.learn;

import io.kroute.topology.KrouteConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One reward for one arm, on its way from the decision it answers to the arm's aggregate (keyed by
 * {@code class|provider} through the {@code arm-rewards} repartition topic).
 *
 * @param reward in [0, 1]
 * @param time event time the reward counts at (for discounting)
 * @param defaulted whether it is the configured default for a decision that got no reward in time
 * @param fallback whether it answers a call to one of the decision's fallbacks rather than its chosen provider
 */
public record ArmReward(String label, String provider, double reward, long time, boolean defaulted,
        boolean fallback) {

    /** Format 1 followed by the fallback flag. */
    private static final byte FORMAT = 2;
    private static final byte FORMAT_WITHOUT_FALLBACK = 1;

    /** A reward for the decision's chosen provider. */
    public ArmReward(String label, String provider, double reward, long time, boolean defaulted) {
        this(label, provider, reward, time, defaulted, false);
    }

    /** The key of the arm this reward is for: {@code class|provider}. */
    public String armKey() {
        return KrouteConfig.armKey(label, provider);
    }

    public static Serde<ArmReward> serde() {
        Serializer<ArmReward> serializer = (topic, r) -> {
            if (r == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                out.writeUTF(r.label);
                out.writeUTF(r.provider);
                out.writeDouble(r.reward);
                out.writeLong(r.time);
                out.writeBoolean(r.defaulted);
                out.writeBoolean(r.fallback);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<ArmReward> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
                byte format = in.readByte();
                if (format != FORMAT && format != FORMAT_WITHOUT_FALLBACK) {
                    throw new IllegalStateException("arm reward: expected format " + FORMAT + " or "
                            + FORMAT_WITHOUT_FALLBACK + ", found " + format);
                }
                return new ArmReward(in.readUTF(), in.readUTF(), in.readDouble(), in.readLong(), in.readBoolean(),
                        format == FORMAT && in.readBoolean());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
