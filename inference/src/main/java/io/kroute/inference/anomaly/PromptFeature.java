package io.kroute.inference.anomaly;

/**
 * The prompt statistics the anomaly filter watches, all computed in the tokenizer's single pass over the
 * text (plus the classifier's own output). Names are the keys of the weight file's {@code anomaly.features}.
 * See docs/anomaly.md for why each one is there.
 */
public enum PromptFeature {
    /** Characters (UTF-16 units) of the whole text, including any beyond the examined cap. */
    CHAR_COUNT("charCount"),
    /** Tokens found (scikit-learn's default word pattern). */
    TOKEN_COUNT("tokenCount"),
    /** Mean token length in characters; 0 without tokens. */
    MEAN_TOKEN_LENGTH("meanTokenLength"),
    /** Share of examined code points above U+007F. */
    NON_ASCII_SHARE("nonAsciiShare"),
    /** Share of punctuation and symbol code points. */
    SYMBOL_SHARE("symbolShare"),
    /** Share of decimal digits. */
    DIGIT_SHARE("digitShare"),
    /** Share of upper- and title-case letters among all code points. */
    UPPER_SHARE("upperShare"),
    /** Share of controls (other than tab, CR, LF), format characters (zero-width, bidi), surrogates,
     * private-use and unassigned code points. */
    INVISIBLE_SHARE("invisibleShare"),
    /** Longest run of one repeated code point. */
    LONGEST_CHAR_RUN("longestCharRun"),
    /** Shannon entropy of the code-point distribution, in bits. */
    CHAR_ENTROPY("charEntropy"),
    /** Occurrences of the most frequent token over all tokens; 0 without tokens. */
    TOP_TOKEN_SHARE("topTokenShare"),
    /** Longest run of base64/hex alphabet characters that mixes letters and digits (or is 40+ long). */
    LONGEST_ENCODED_RUN("longestEncodedRun"),
    /** Share of tokens not in the classifier's vocabulary; 0 without tokens. */
    UNKNOWN_TOKEN_SHARE("unknownTokenShare"),
    /** Share of tokens whose letters come from more than one script (homoglyph spoofing). */
    MIXED_SCRIPT_SHARE("mixedScriptShare"),
    /** The classifier's posterior entropy divided by ln(classes): 0 certain, 1 uniform. */
    CLASS_UNCERTAINTY("classUncertainty");

    private static final PromptFeature[] ALL = values();

    private final String key;

    PromptFeature(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static int count() {
        return ALL.length;
    }

    public static PromptFeature at(int ordinal) {
        return ALL[ordinal];
    }

    /** Null when no feature has this key. */
    public static PromptFeature fromKey(String key) {
        for (PromptFeature f : ALL) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }
}
