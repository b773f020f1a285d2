package io.kroute.topology.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecideProcessorKeyTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRecogniseAKeyThatIsTheIdInUtf8() {
        assertThat(DecideProcessor.keyIsId(utf8("p-1"), "p-1")).isTrue();
        assertThat(DecideProcessor.keyIsId(utf8("été-\ud83d\ude00"), "été-\ud83d\ude00")).isTrue();
        assertThat(DecideProcessor.keyIsId(utf8(""), "")).isTrue();
    }

    @Test
    void shouldRefuseAnyOtherKey() {
        assertThat(DecideProcessor.keyIsId(null, "p-1")).isFalse();
        assertThat(DecideProcessor.keyIsId(utf8("p-2"), "p-1")).isFalse();
        assertThat(DecideProcessor.keyIsId(utf8("p-10"), "p-1")).isFalse();
        assertThat(DecideProcessor.keyIsId(utf8("ete"), "été")).isFalse();
        assertThat(DecideProcessor.keyIsId(new byte[] {(byte) 0xe9}, "é")).isFalse();
    }
}
