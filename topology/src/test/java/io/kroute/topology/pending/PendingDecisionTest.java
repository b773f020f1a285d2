package io.kroute.topology.pending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
    void shouldRoundTripFallbacksAndWhichOfThemWereRewarded() {
        PendingDecision decision = new PendingDecision("code", "atlas", 0.7, 10, 20, 1, false,
                List.of("boreal", "cirrus \u00e9"), 0).withFallbackReward(1);

        PendingDecision back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", decision));

        assertThat(back).isEqualTo(decision);
        assertThat(back.fallbackIndex("cirrus \u00e9")).isEqualTo(1);
        assertThat(back.fallbackRewarded(1)).isTrue();
        assertThat(back.fallbackRewarded(0)).isFalse();
        assertThat(back.fallbackIndex("atlas")).isEqualTo(-1);
    }

    @Test
    void shouldReadEntriesWrittenBeforeFallbacksWithNone() {
        byte[] label = "code".getBytes(StandardCharsets.UTF_8);
        byte[] provider = "atlas".getBytes(StandardCharsets.UTF_8);
        ByteBuffer format2 = ByteBuffer.allocate(1 + 2 + label.length + 2 + provider.length + 8 + 8 + 8 + 4 + 1);
        format2.put((byte) 2).putShort((short) label.length).put(label).putShort((short) provider.length)
                .put(provider).putDouble(0.5).putLong(10).putLong(20).putInt(1).put((byte) 0);

        assertThat(serde.deserializer().deserialize("t", format2.array()))
                .isEqualTo(new PendingDecision("code", "atlas", 0.5, 10, 20, 1, false, List.of(), 0));
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
                .hasMessageContaining("expected format 3, 2 or 1, found 9");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .hasMessageContaining("ends early");
    }
}
