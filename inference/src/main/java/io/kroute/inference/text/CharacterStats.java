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

    // The ASCII classes are ranges of code points; finish() sums each class over its ranges of the histogram.
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean upper = c >= 'A' && c <= 'Z';
            boolean letter = upper || (c >= 'a' && c <= 'z');
            boolean digit = c >= '0' && c <= '9';
            byte bits = 0;
            if (letter) {
                bits |= LETTER;
            }
            if (upper) {
                bits |= UPPER;
            }
            if (digit) {
                bits |= DIGIT;
            }
            if ((c >= '\t' && c <= '\r') || c == ' ') {
                bits |= SPACE;
            } else if (c < 0x20 || c == 0x7F) {
                bits |= INVISIBLE;
            } else if (!letter && !digit) {
                bits |= SYMBOL;
            }
            if (letter || digit || c == '+' || c == '/' || c == '=' || c == '-' || c == '_') {
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
     * bits (any higher bits are ignored): its length when it mixes letters and digits (base64, hex, hashes) or is too long to be a word of any
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
        // Every one of the 128 counts is visited, zero or not: the sums below have no branch to mispredict and
        // no dependence from one character to the next (c ln c is 0 for an absent character).
        int[] counts = asciiCounts;
        double sum0 = 0.0;
        double sum1 = 0.0;
        double sum2 = 0.0;
        double sum3 = 0.0;
        for (int c = 0; c < 128; c += 4) {
            sum0 += countLogCount(counts[c]);
            sum1 += countLogCount(counts[c + 1]);
            sum2 += countLogCount(counts[c + 2]);
            sum3 += countLogCount(counts[c + 3]);
        }
        double sum = (sum0 + sum1) + (sum2 + sum3);
        // The classes from their ranges of the histogram (as ASCII_CLASS defines them); symbols are the rest.
        int upper = countsIn(counts, 'A', 'Z');
        int letters = upper + countsIn(counts, 'a', 'z');
        int digits = countsIn(counts, '0', '9');
        int whitespace = countsIn(counts, '\t', '\r') + counts[' '];
        int invisible = countsIn(counts, 0, 0x1F) + counts[0x7F] - (whitespace - counts[' ']);
        int symbols = (codePoints - nonAscii) - letters - digits - whitespace - invisible;
        Arrays.fill(counts, 0);
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

    /** The sum of {@code counts[from..to]}, both ends included. */
    private static int countsIn(int[] counts, int from, int to) {
        int sum = 0;
        for (int c = from; c <= to; c++) {
            sum += counts[c];
        }
        return sum;
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
