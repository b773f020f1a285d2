package io.kroute.inference.weights;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The weight file's self-checksum: SHA-256 of the file's bytes with the checksum's 64 hex digits replaced by
 * {@code '0'}. The checksum must be the last top-level member, so it is found by scanning back from the end.
 */
public final class Checksum {
    public static final String PREFIX = "sha256:";
    private static final int HEX_DIGITS = 64;

    private Checksum() {
    }

    /** Offset of the first of the 64 hex digits of the checksum value. */
    static int locateDigits(byte[] file) throws WeightFileException {
        int i = file.length - 1;
        i = skipWhitespaceBackwards(file, i);
        expect(file, i--, '}', "the file to end with '}' closing the top-level object");
        i = skipWhitespaceBackwards(file, i);
        expect(file, i--, '"', "the last member to be \"checksum\": \"sha256:<64 hex digits>\"");
        int digitsEnd = i + 1;
        int digitsStart = digitsEnd - HEX_DIGITS;
        if (digitsStart < 0) {
            throw missing(file);
        }
        for (int k = digitsStart; k < digitsEnd; k++) {
            if (Character.digit(file[k], 16) < 0) {
                throw missing(file);
            }
        }
        i = digitsStart - 1;
        byte[] prefix = ("\"" + PREFIX).getBytes(StandardCharsets.US_ASCII);
        if (i - prefix.length + 1 < 0) {
            throw missing(file);
        }
        for (int k = prefix.length - 1; k >= 0; k--, i--) {
            if (file[i] != prefix[k]) {
                throw missing(file);
            }
        }
        i = skipWhitespaceBackwards(file, i);
        if (i < 0 || file[i] != ':') {
            throw missing(file);
        }
        i = skipWhitespaceBackwards(file, i - 1);
        byte[] key = "\"checksum\"".getBytes(StandardCharsets.US_ASCII);
        if (i - key.length + 1 < 0) {
            throw missing(file);
        }
        for (int k = key.length - 1; k >= 0; k--, i--) {
            if (file[i] != key[k]) {
                throw missing(file);
            }
        }
        return digitsStart;
    }

    /** Verifies the checksum; returns the declared value ({@code sha256:...}). */
    public static String verify(byte[] file) throws WeightFileException {
        int start = locateDigits(file);
        String declared = new String(file, start, HEX_DIGITS, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        String actual = compute(file, start);
        if (!declared.equals(actual)) {
            throw new WeightFileException("checksum", "checksum mismatch: the file declares " + PREFIX + declared
                    + " but its content hashes to " + PREFIX + actual
                    + " (the file was altered or truncated after it was written)");
        }
        return PREFIX + declared;
    }

    /** Writes the correct checksum into {@code file} in place (for tools that build or edit weight files). */
    public static void seal(byte[] file) throws WeightFileException {
        int start = locateDigits(file);
        byte[] digits = compute(file, start).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, file, start, HEX_DIGITS);
    }

    private static String compute(byte[] file, int digitsStart) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        sha256.update(file, 0, digitsStart);
        byte[] zeros = new byte[HEX_DIGITS];
        java.util.Arrays.fill(zeros, (byte) '0');
        sha256.update(zeros);
        sha256.update(file, digitsStart + HEX_DIGITS, file.length - digitsStart - HEX_DIGITS);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static int skipWhitespaceBackwards(byte[] file, int i) {
        while (i >= 0 && (file[i] == ' ' || file[i] == '\n' || file[i] == '\r' || file[i] == '\t')) {
            i--;
        }
        return i;
    }

    private static void expect(byte[] file, int i, char c, String what) throws WeightFileException {
        if (i < 0 || file[i] != c) {
            throw new WeightFileException(file.length == 0 ? "empty" : "checksum",
                    "expected " + what + ", found " + (i < 0 ? "the start of the file" : describe(file, i))
                            + " (is the file truncated?)");
        }
    }

    private static WeightFileException missing(byte[] file) {
        return new WeightFileException("checksum", "expected the last top-level member to be "
                + "\"checksum\": \"sha256:<64 hex digits>\", found a file ending in "
                + describe(file, file.length - 1));
    }

    private static String describe(byte[] file, int end) {
        int from = Math.max(0, end - 40);
        return "'..." + new String(file, from, end - from + 1, StandardCharsets.UTF_8).replace("\n", "\\n") + "'";
    }
}
