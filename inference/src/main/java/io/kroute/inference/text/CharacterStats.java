package io.kroute.inference.text;

import java.util.Arrays;

/**
 * Character-level statistics of a text, over the original (not lower-cased) code points of the prefix that
 * {@link WordTokenizer} examines, gathered by the tokenizer in the same pass as the tokens: an ASCII character
 * costs its count in a histogram and the run trackers; every per-class count and the entropy are derived from the
 * 128 counts once per text ({@link #finish}). Reusable; not thread-safe.
 */
public final class CharacterStats {
    // Per-ASCII-character class bits, so the common case costs one table load.
    static final byte LETTER = 1;
    static final byte UPPER = 2;
    static final byte DIGIT = 4;
    static final byte SPACE = 8;
    static final byte SYMBOL = 16;
    static final byte INVISIBLE = 32;
    static final byte ENCODED = 64;

    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            byte bits = 0;
            if (Character.isLetter(c)) {
                bits |= LETTER;
            }
            if (c >= 'A' && c <= 'Z') {
                bits |= UPPER;
            }
            if (c >= '0' && c <= '9') {
                bits |= DIGIT;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) {
                bits |= SPACE;
            } else if (c < 0x20 || c == 0x7F) {
                bits |= INVISIBLE;
            } else if (!Character.isLetterOrDigit(c)) {
                bits |= SYMBOL;
            }
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_') {
                bits |= ENCODED;
            }
            ASCII_CLASS[c] = bits;
        }
    }

    /** Code points in the examined prefix. */
    int codePoints;
    /** Characters (UTF-16 units) of the whole text, examined or not. */
    int totalLength;
    int nonAscii;
    int letters;
    int upper;
    int digits;
    int symbols;
    int invisible;
    int longestRun;
    int longestEncodedRun;
    int mixedScriptTokens;

    /** Occurrences of each ASCII character; zero between texts ({@link #finish} clears what it reads). */
    final int[] asciiCounts = new int[128];
    /** Set while a text is being gathered: a text abandoned midway leaves counts that the next one must clear. */
    private boolean gathering;
    /** Scratch for finish(): the ASCII characters present, ascending. */
    private final int[] presentAscii = new int[128];
    /** Sum of c ln c over the count c of every distinct code point, for the entropy. */
    private double countLogCounts;
    private int[] otherKeys = new int[64];
    private int[] otherCounts = new int[64];
    private int otherSize;

    public void clear() {
        codePoints = 0;
        totalLength = 0;
        nonAscii = 0;
        letters = 0;
        upper = 0;
        digits = 0;
        symbols = 0;
        invisible = 0;
        longestRun = 0;
        longestEncodedRun = 0;
        mixedScriptTokens = 0;
        countLogCounts = 0.0;
        if (gathering) {
            Arrays.fill(asciiCounts, 0);
            gathering = false;
        }
        if (otherSize > 0) {
            Arrays.fill(otherKeys, -1);
            Arrays.fill(otherCounts, 0);
            otherSize = 0;
        }
    }

    public CharacterStats() {
        Arrays.fill(otherKeys, -1);
    }

    /**
     * Starts a text: clears the statistics and returns the per-ASCII-character counts for the scanner to increment.
     * The scanner hands every code point above U+007F to {@link #addNonAscii}, tracks the runs in its own locals
     * and ends with {@link #finish}.
     */
    int[] startGathering() {
        clear();
        gathering = true;
        return asciiCounts;
    }

    /** The class bits of an ASCII character: one table load. */
    static int asciiClass(int c) {
        return ASCII_CLASS[c];
    }

    /** Adds a code point above U+007F (the general path) and returns its class bits. */
    int addNonAscii(int cp) {
        nonAscii++;
        int bits = classify(cp);
        countOther(cp);
        countClasses(bits, 1);
        return bits;
    }

    /**
     * The length a run of encoded-alphabet characters counts with, given the union of its characters' class
     * bits: its length when it mixes letters and digits (base64, hex, hashes) or is too long to be a word of any
     * language, 0 otherwise.
     */
    static int encodedRunLength(int run, int bits) {
        return (bits & (LETTER | DIGIT)) == (LETTER | DIGIT) || run >= 40 ? run : 0;
    }

    private void countClasses(int bits, int count) {
        if ((bits & LETTER) != 0) {
            letters += count;
            if ((bits & UPPER) != 0) {
                upper += count;
            }
        }
        if ((bits & DIGIT) != 0) {
            digits += count;
        }
        if ((bits & SYMBOL) != 0) {
            symbols += count;
        }
        if ((bits & INVISIBLE) != 0) {
            invisible += count;
        }
    }

    /**
     * Completes the statistics with what the scanner tracked in its locals: the whole text's length (examined or
     * not), the code points examined and the longest runs (the scanner counts the tokens that mix scripts as it
     * ends them); derives the ASCII characters' classes and the entropy sum from the counts.
     */
    void finish(int totalLength, int codePoints, int longestRun, int longestEncodedRun) {
        this.totalLength = totalLength;
        this.codePoints = codePoints;
        this.longestRun = longestRun;
        this.longestEncodedRun = longestEncodedRun;
        // Most of the 128 counts are zero, and a branch on each would mispredict about as often as it is
        // taken: first list the present characters without branching, then visit only those, in ascending order
        // (the order the entropy sum has always been taken in, so it stays the same to the bit).
        int[] counts = asciiCounts;
        int[] present = presentAscii;
        int presentCount = 0;
        for (int c = 0; c < 128; c++) {
            int count = counts[c];
            present[presentCount] = c;
            presentCount += (count | -count) >>> 31;
        }
        double sum = 0.0;
        int letters = 0;
        int upper = 0;
        int digits = 0;
        int symbols = 0;
        int invisible = 0;
        for (int k = 0; k < presentCount; k++) {
            int c = present[k];
            int count = counts[c];
            counts[c] = 0;
            int bits = ASCII_CLASS[c];
            // Multiplied by 0 or 1 rather than branched on: the classes of consecutive characters alternate.
            letters += count * (bits & LETTER);
            upper += count * ((bits & UPPER) >>> 1);
            digits += count * ((bits & DIGIT) >>> 2);
            symbols += count * ((bits & SYMBOL) >>> 4);
            invisible += count * ((bits & INVISIBLE) >>> 5);
            sum += countLogCount(count);
        }
        this.letters += letters;
        this.upper += upper;
        this.digits += digits;
        this.symbols += symbols;
        this.invisible += invisible;
        if (otherSize > 0) {
            for (int slot = 0; slot < otherKeys.length; slot++) {
                if (otherKeys[slot] != -1) {
                    sum += countLogCount(otherCounts[slot]);
                }
            }
        }
        countLogCounts = sum;
        gathering = false;
    }

    private static int classify(int cp) {
        int type = Character.getType(cp);
        switch (type) {
            case Character.UPPERCASE_LETTER:
            case Character.TITLECASE_LETTER:
                return LETTER | UPPER;
            case Character.LOWERCASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER:
                return DIGIT;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return SPACE;
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
                return INVISIBLE;
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return SYMBOL;
            default:
                // Marks (Mn, Mc, Me) and other numbers (Nl, No) belong to none of the counted classes.
                return 0;
        }
    }

    private void countOther(int cp) {
        if (otherSize * 2 >= otherKeys.length) {
            growOther();
        }
        int mask = otherKeys.length - 1;
        int slot = (cp * 0x9E3779B1) >>> 7 & mask;
        while (otherKeys[slot] != -1 && otherKeys[slot] != cp) {
            slot = (slot + 1) & mask;
        }
        if (otherKeys[slot] == -1) {
            otherKeys[slot] = cp;
            otherSize++;
        }
        otherCounts[slot]++;
    }

    private void growOther() {
        int[] keys = otherKeys;
        int[] counts = otherCounts;
        otherKeys = new int[keys.length * 2];
        otherCounts = new int[keys.length * 2];
        Arrays.fill(otherKeys, -1);
        int mask = otherKeys.length - 1;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != -1) {
                int slot = (keys[i] * 0x9E3779B1) >>> 7 & mask;
                while (otherKeys[slot] != -1) {
                    slot = (slot + 1) & mask;
                }
                otherKeys[slot] = keys[i];
                otherCounts[slot] = counts[i];
            }
        }
    }

    public int codePoints() {
        return codePoints;
    }

    public int totalLength() {
        return totalLength;
    }

    public int nonAscii() {
        return nonAscii;
    }

    public int letters() {
        return letters;
    }

    public int upper() {
        return upper;
    }

    public int digits() {
        return digits;
    }

    public int symbols() {
        return symbols;
    }

    public int invisible() {
        return invisible;
    }

    public int longestRun() {
        return longestRun;
    }

    public int longestEncodedRun() {
        return longestEncodedRun;
    }

    public int mixedScriptTokens() {
        return mixedScriptTokens;
    }

    /** c ln c for the small counts almost every character has, so entropy costs no logarithm per character. */
    private static final double[] COUNT_LOG_COUNT = new double[1024];

    static {
        for (int c = 1; c < COUNT_LOG_COUNT.length; c++) {
            COUNT_LOG_COUNT[c] = c * Math.log(c);
        }
    }

    private static double countLogCount(int count) {
        return count < COUNT_LOG_COUNT.length ? COUNT_LOG_COUNT[count] : count * Math.log(count);
    }

    private static final double LN_2 = Math.log(2);

    /** Shannon entropy of the code-point distribution, in bits; 0 for an empty text. */
    public double entropyBits() {
        if (codePoints == 0) {
            return 0.0;
        }
        double n = codePoints;
        // H = log n - (1/n) * sum c log c, converted from nats to bits.
        return Math.max(0.0, (Math.log(n) - countLogCounts / n) / LN_2);
    }
}
