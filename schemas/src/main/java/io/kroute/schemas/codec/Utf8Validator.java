package io.kroute.schemas.codec;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Java's
 * {@code new String(bytes, UTF_8)} silently replaces such bytes, which would let a corrupt record through
 * with altered text.
 */
public final class Utf8Validator {

    private Utf8Validator() {
    }

    /** Returns the offset of the first byte of the first invalid sequence in the range, or -1 when it is valid. */
    public static int firstInvalidOffset(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xff;
            int needed;
            int min;
            if (lead >= 0xc2 && lead <= 0xdf) {
                needed = 1;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                needed = 2;
                min = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                needed = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + needed >= end) {
                return i;
            }
            int codePoint = lead & (0x3f >> needed);
            for (int k = 1; k <= needed; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (next & 0x3f);
            }
            if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                return i;
            }
            i += needed + 1;
        }
        return -1;
    }
}
