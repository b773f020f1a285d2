package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArmStateCodecTest {

    @Test
    void shouldRoundTripDecayedEvidenceIn49Bytes() {
        ArmEvidence e = DecayedEvidence.empty(300).plus(0.5, 10).plus(1, 40);

        byte[] bytes = ArmStateCodec.encode(e);

        assertThat(bytes).hasSize(50); // one format byte, one kind byte, six 8-byte fields
        assertThat(ArmStateCodec.decodeEvidence(bytes)).isEqualTo(e);
    }

    @Test
    void shouldRoundTripWindowedEvidence() {
        ArmEvidence e = WindowedEvidence.empty(10, 4).plus(0.5, 10).plus(1, 40).plus(0.25, 41);

        assertThat(ArmStateCodec.decodeEvidence(ArmStateCodec.encode(e))).isEqualTo(e);
    }

    @Test
    void shouldRoundTripAWholeState() {
        BanditState state = BanditState.empty(Forgetting.halfLife(1000)).withArm("a", ArmPrior.UNIFORM)
                .withArm("b", new ArmPrior(3, 2)).withReward("a", 1, 5).withReward("b", 0.25, 9);

        BanditState back = ArmStateCodec.decodeState(ArmStateCodec.encode(state));

        assertThat(back.version()).isEqualTo(state.version());
        assertThat(back.asOf()).isEqualTo(9);
        assertThat(back.arms()).isEqualTo(state.arms());
        assertThat(back.forgetting()).isEqualTo(state.forgetting());
    }

    @Test
    void shouldRefuseTruncatedOrForeignBytes() {
        byte[] bytes = ArmStateCodec.encode(DecayedEvidence.empty(300).plus(0.5, 10));

        assertThatThrownBy(() -> ArmStateCodec.decodeEvidence(Arrays.copyOf(bytes, 20)))
                .hasMessageContaining("expected more data");
        bytes[0] = 9;
        assertThatThrownBy(() -> ArmStateCodec.decodeEvidence(bytes))
                .hasMessageContaining("arm state format: expected 1, found 9");
    }
}
