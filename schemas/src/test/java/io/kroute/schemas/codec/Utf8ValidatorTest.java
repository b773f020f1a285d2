package io.kroute.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {

    @Test
    void shouldAcceptEveryPlaneOfUnicode() {
        byte[] bytes = "a é € 𝄞 要 🙂".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Validator.firstInvalidOffset(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Test
    void shouldPointAtTheFirstInvalidSequence() {
        assertThat(invalidAt(0x61, 0xc0, 0x80)).isEqualTo(1); // overlong NUL
        assertThat(invalidAt(0xed, 0xa0, 0x80)).isEqualTo(0); // encoded surrogate U+D800
        assertThat(invalidAt(0xf4, 0x90, 0x80, 0x80)).isEqualTo(0); // above U+10FFFF
        assertThat(invalidAt(0x61, 0x62, 0xe2, 0x82)).isEqualTo(2); // cut short at the end
        assertThat(invalidAt(0x80)).isEqualTo(0); // stray continuation byte
        assertThat(invalidAt(0xe0, 0x80, 0x80)).isEqualTo(0); // overlong three-byte form
    }

    @Test
    void shouldAgreeWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(20260301L);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                // Bias towards the interesting high range.
                bytes[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x100));
            }
            boolean valid = Utf8Validator.firstInvalidOffset(bytes, 0, bytes.length) < 0;
            assertThat(valid).as("bytes %s", java.util.Arrays.toString(bytes)).isEqualTo(jdkAccepts(bytes));
        }
    }

    private static int invalidAt(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Utf8Validator.firstInvalidOffset(bytes, 0, bytes.length);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
