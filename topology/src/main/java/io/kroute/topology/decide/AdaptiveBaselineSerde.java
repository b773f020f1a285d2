package io.kroute.topology.decide;

import io.kroute.inference.anomaly.AdaptiveBaseline;
import io.kroute.inference.anomaly.DecayingStats;
import io.kroute.inference.anomaly.PromptFeature;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serde of a tenant baseline for its store: a format byte, the feature count, then 3 doubles and a long each. */
public final class AdaptiveBaselineSerde {

    private static final byte FORMAT = 1;
    private static final int PER_FEATURE = 3 * Double.BYTES + Long.BYTES;

    private AdaptiveBaselineSerde() {
    }

    public static Serde<AdaptiveBaseline> serde() {
        Serializer<AdaptiveBaseline> serializer = (topic, baseline) -> {
            if (baseline == null) {
                return null;
            }
            DecayingStats[] features = baseline.features();
            ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + features.length * PER_FEATURE);
            out.put(FORMAT).putInt(features.length);
            for (DecayingStats s : features) {
                out.putDouble(s.weight()).putDouble(s.mean()).putDouble(s.m2()).putLong(s.timeMillis());
            }
            return out.array();
        };
        Deserializer<AdaptiveBaseline> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            byte format = in.get();
            int count = in.getInt();
            if (format != FORMAT || data.length != 1 + Integer.BYTES + count * PER_FEATURE) {
                throw new IllegalStateException("tenant baseline: expected format " + FORMAT + " with " + count
                        + " features in " + (1 + Integer.BYTES + count * PER_FEATURE) + " bytes, found format "
                        + format + " in " + data.length + " bytes");
            }
            if (count != PromptFeature.count()) {
                // A baseline of an earlier feature set: its statistics describe other features, so the tenant
                // starts a new one (it warms up again from its next prompts).
                return null;
            }
            DecayingStats[] features = new DecayingStats[count];
            for (int i = 0; i < count; i++) {
                features[i] = new DecayingStats(in.getDouble(), in.getDouble(), in.getDouble(), in.getLong());
            }
            return new AdaptiveBaseline(features);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
