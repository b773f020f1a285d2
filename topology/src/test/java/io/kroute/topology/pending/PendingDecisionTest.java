package io.kroute.topology.pending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PendingDecisionTest {

    private final Serde<PendingDecision> serde = PendingDecision.serde();

    @Test
    void shouldRoundTripEveryField() {
        PendingDecision decision = new PendingDecision("code", "anthropic", 0.8125, 1_700_000_000_123L,
                1_700_000_600_123L, 2, true);

        byte[] bytes = serde.serializer().serialize("t", decision);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(decision);
    }

    @Test
    void shouldRoundTripTextOutsideAscii() {
        PendingDecision decision = new PendingDecision("traduction \u00e9t\u00e9 \ud83d\ude00", "prov\u0000ider", 0.5,
                -1, Long.MAX_VALUE, 0, false);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", decision)))
                .isEqualTo(decision);
    }

    @Test
    void shouldReadEntriesWrittenInTheEarlierDataStreamFormat() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("math \ud83d\ude00");
            out.writeUTF("openai");
            out.writeDouble(0.25);
            out.writeLong(10);
            out.writeLong(20);
            out.writeInt(1);
            out.writeBoolean(false);
        }

        assertThat(serde.deserializer().deserialize("t", bytes.toByteArray()))
                .isEqualTo(new PendingDecision("math \ud83d\ude00", "openai", 0.25, 10, 20, 1, false));
    }

    @Test
    void shouldRefuseUnknownFormatAndTruncatedValue() {
        byte[] bytes = serde.serializer().serialize("t", new PendingDecision("a", "b", 1, 1, 2, 0, false));
        byte[] unknown = bytes.clone();
        unknown[0] = 9;

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknown))
                .hasMessageContaining("expected format 2 or 1, found 9");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .hasMessageContaining("ends early");
    }
}
