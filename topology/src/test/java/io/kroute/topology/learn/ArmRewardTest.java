package io.kroute.topology.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ArmRewardTest {

    private final Serde<ArmReward> serde = ArmReward.serde();

    @Test
    void shouldRoundTripTheFallbackMark() {
        ArmReward reward = new ArmReward("code", "boreal", 0.75, 1_000, false, true);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", reward))).isEqualTo(reward);
    }

    @Test
    void shouldReadRewardsWrittenBeforeFallbacksAsForTheChosenProvider() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("code");
            out.writeUTF("atlas");
            out.writeDouble(0.5);
            out.writeLong(42);
            out.writeBoolean(true);
        }

        assertThat(serde.deserializer().deserialize("t", bytes.toByteArray()))
                .isEqualTo(new ArmReward("code", "atlas", 0.5, 42, true, false));
    }
}
