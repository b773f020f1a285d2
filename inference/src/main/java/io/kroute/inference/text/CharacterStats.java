package io.kroute.inference.text;

import java.util.Arrays;

/**
 * Character-level statistics of a text, over the original (not lower-cased) code points of the prefix that
 * {@link WordTokenizer} examines, gathered by the tokenizer in the same pass as the tokens: an ASCII character
 * costs its count in a histogram and the run trackers; every per-class count is derived from the 128 counts once
 * per text ({@link #finish}). Reusable; not thread-safe.
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
    /** Characters in encoded-looking runs of at least {@link #ENCODED_SHARE_MIN_RUN}. */
    int encodedChars;
    int mixedScriptTokens;

    /** Occurrences of each ASCII character; zero between texts ({@link #finish} clears what it reads). */
    final int[] asciiCounts = new int[128];
    /** Set while a text is being gathered: a text abandoned midway leaves counts that the next one must clear. */
    private boolean gathering;

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
        encodedChars = 0;
        mixedScriptTokens = 0;
        if (gathering) {
            Arrays.fill(asciiCounts, 0);
            gathering = false;
        }
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
        countClasses(bits, 1);
        return bits;
    }

    /** Whether a code point may be part of normal spelling though invisible: ZWNJ, ZWJ, a variation selector. */
    static boolean maySpell(int cp) {
        return cp == ZWNJ || cp == ZWJ || isVariationSelector(cp);
    }

    /**
     * Uncounts the invisible spelling character at {@code source[at]} (one {@link #maySpell} accepts, already counted
     * as invisible) when it is used as scripts use it: a ZWNJ or ZWJ between two characters of a joining script
     * (Arabic script, the Indic scripts, Myanmar, Khmer, Tibetan), or a ZWJ between two emoji (the one before it
     * possibly followed by variation selectors and skin-tone modifiers), or a variation selector right after a
     * visible character. Between Latin letters, in runs, or at the edge of the text, it stays counted.
     *
     * @param n the examined length of {@code source}
     */
    void uncountSpelling(char[] source, int at, int n) {
        if (at == 0) {
            return;
        }
        int cp = Character.codePointAt(source, at, n);
        int before = Character.codePointBefore(source, at);
        if (isVariationSelector(cp)) {
            if ((classOf(before) & (SPACE | INVISIBLE)) == 0) {
                invisible--;
            }
            return;
        }
        if (at + 1 >= n) {
            return;
        }
        int after = Character.codePointAt(source, at + 1, n);
        if (isJoiningScript(before) && isJoiningScript(after)) {
            invisible--;
            return;
        }
        if (Character.getType(after) != Character.OTHER_SYMBOL) {
            return;
        }
        int base = before;
        int i = at;
        while (isVariationSelector(base) || isSkinToneModifier(base)) {
            i -= Character.charCount(base);
            if (i == 0) {
                return;
            }
            base = Character.codePointBefore(source, i);
        }
        if (Character.getType(base) == Character.OTHER_SYMBOL) {
            invisible--;
        }
    }

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static boolean isSkinToneModifier(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    /** Scripts that write ZWNJ and ZWJ inside words: Arabic and Syriac, the Indic scripts, Tibetan, Myanmar, Khmer. */
    static boolean isJoiningScript(int cp) {
        return (cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0x0900 && cp <= 0x0DFF) || (cp >= 0x0F00 && cp <= 0x109F)
                || (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
    }

    /** The class bits of any code point. */
    static int classOf(int cp) {
        return cp < 128 ? ASCII_CLASS[cp] : classify(cp);
    }

    /**
     * The length a run of encoded-alphabet characters counts with, given the union of its characters' class
     * bits (any higher bits are ignored): its length when it mixes letters and digits (base64, hex, hashes) or is too long to be a word of any
     * language, 0 otherwise.
     */
    /** Shortest encoded-looking run that counts toward the encoded share: longer than most identifiers in prose. */
    static final int ENCODED_SHARE_MIN_RUN = 24;

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
     * ends them); derives the ASCII characters' classes from the counts.
     */
    void finish(int totalLength, int codePoints, int longestRun, int longestEncodedRun, int encodedChars) {
        this.totalLength = totalLength;
        this.codePoints = codePoints;
        this.longestRun = longestRun;
        this.longestEncodedRun = longestEncodedRun;
        this.encodedChars = encodedChars;
        int[] counts = asciiCounts;
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
                // Marks (Mn, Mc, Me) and other numbers (Nl, No) belong to none of the counted classes, except the
                // variation selectors (Mn): invisible, unless right after a visible character (uncountSpelling).
                return isVariationSelector(cp) ? INVISIBLE : 0;
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

    /** Characters in encoded-looking runs of at least 24 (base64 and hex blobs, also when wrapped over lines). */
    public int encodedChars() {
        return encodedChars;
    }

    public int mixedScriptTokens() {
        return mixedScriptTokens;
    }

}
