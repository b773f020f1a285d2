package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.schemas.codec.DecodingException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void shouldDeadLetterEveryDecodingErrorUnderItsKindsName() {
        for (DecodingException.Kind kind : DecodingException.Kind.values()) {
            Reason reason = Reason.of(kind);

            assertThat(reason.destination()).isEqualTo(Reason.Destination.DEAD_LETTERS);
            assertThat(reason.name()).isEqualTo(kind.name());
        }
        assertThat(Reason.of(DecodingException.Kind.INVALID_UTF8).key()).isEqualTo("invalid-utf8");
    }

    @Test
    void shouldKeepTheKeysThatHeadersAndMetricsCarry() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::key)).contains("truncated", "unknown-magic-byte",
                "missing-field", "unmatched", "late", "provider-mismatch", "invalid-reward", "anomaly");
        assertThat(Arrays.stream(Reason.values()).map(Reason::key)).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseADeadLetterForAQuarantineReason() {
        assertThatThrownBy(() -> new DeadLetter(new byte[0], new byte[0], "prompts", 0, 0, Reason.ANOMALY, "held"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a dead-letter reason, found 'anomaly'");
    }
}
