package io.kroute.inference.anomaly;

/**
 * The prompt statistics the anomaly filter watches, all computed in the tokenizer's single pass over the
 * text and the vectorizer's lookup of its tokens (plus the classifier's own output). None grows with the length of
 * a normal text: shares are shares, runs measure one item, and repetition is measured in bounded windows. Names are the keys of the weight file's {@code anomaly.features}.
 * See docs/anomaly.md for why each one is there.
 */
public enum PromptFeature {
    /** Mean token length in characters; 0 without tokens. */
    MEAN_TOKEN_LENGTH("meanTokenLength"),
    /** Share of decimal digits. */
    DIGIT_SHARE("digitShare"),
    /** Share of upper- and title-case letters among all code points. */
    UPPER_SHARE("upperShare"),
    /** Share of controls (other than tab, CR, LF, VT, FF), format characters (zero-width, bidi), variation
     * selectors, surrogates, private-use and unassigned code points, except joiners and selectors used in
     * normal spelling. */
    INVISIBLE_SHARE("invisibleShare"),
    /** Longest run of one repeated code point other than whitespace (1 for any non-empty text). */
    LONGEST_CHAR_RUN("longestCharRun"),
    /** Longest run of base64/hex alphabet characters that mixes letters and digits (or is 40+ long). */
    LONGEST_ENCODED_RUN("longestEncodedRun"),
    /** Share of code points in encoded-looking runs of 24 or more characters (blobs, also wrapped over lines). */
    ENCODED_SHARE("encodedShare"),
    /** Occurrences of the most frequent token over all tokens; 0 without tokens. */
    TOP_TOKEN_SHARE("topTokenShare"),
    /** Share of token bigrams that repeat an earlier one, in the densest window of 256. */
    REPEATED_BIGRAM_SHARE("repeatedBigramShare"),
    /** Share of chunks of 8 tokens that repeat an earlier one, in the densest window of 256. */
    REPEATED_CHUNK_SHARE("repeatedChunkShare"),
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
