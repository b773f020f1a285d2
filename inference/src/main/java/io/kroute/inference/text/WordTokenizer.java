package io.kroute.inference.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * scikit-learn's default word analyzer ({@code lowercase=True}, {@code token_pattern=(?u)\b\w\w+\b}) as a
 * single-pass scanner.
 *
 * <p>Python's {@code \w} on {@code str} is a letter (categories L*), a number (N*) or {@code _}; a token is a
 * maximal run of at least two such code points. Lower-casing is Python's {@code str.lower()}, which equals
 * Java's per-code-point simple mapping except for two characters: U+0130 (İ, which lower-cases to two code
 * points) and U+03A3 (Σ, whose lower case depends on its context). A text holding either is re-scanned from
 * its {@code toLowerCase(Locale.ROOT)} form, which implements both rules exactly as Python does.
 *
 * <p>At most {@link #maxChars()} characters of a text are examined, so a 10 MB prompt costs a bounded time.
 * Instances are immutable and thread-safe; the {@link TokenBuffer} passed to {@link #scan} is not.
 */
public final class WordTokenizer {
    /** Default cap on the characters examined per text: a long prompt, far beyond any useful signal. */
    public static final int DEFAULT_MAX_CHARS = 100_000;

    private static final int LETTER_OR_NUMBER_TYPES = (1 << Character.UPPERCASE_LETTER)
            | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER)
            | (1 << Character.MODIFIER_LETTER)
            | (1 << Character.OTHER_LETTER)
            | (1 << Character.DECIMAL_DIGIT_NUMBER)
            | (1 << Character.LETTER_NUMBER)
            | (1 << Character.OTHER_NUMBER);

    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }

    private final boolean lowercase;
    private final int maxChars;

    public WordTokenizer(boolean lowercase, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, found " + maxChars);
        }
        this.lowercase = lowercase;
        this.maxChars = maxChars;
    }

    public WordTokenizer() {
        this(true, DEFAULT_MAX_CHARS);
    }

    public boolean lowercase() {
        return lowercase;
    }

    public int maxChars() {
        return maxChars;
    }

    /** True for the code points Python's {@code \w} matches in a {@code str} pattern. */
    public static boolean isWordCodePoint(int codePoint) {
        if (codePoint < 128) {
            return ASCII_WORD[codePoint];
        }
        return ((LETTER_OR_NUMBER_TYPES >> Character.getType(codePoint)) & 1) != 0;
    }

    /** The number of leading characters of {@code text} that are examined: never splits a surrogate pair. */
    public int examinedLength(CharSequence text) {
        int n = Math.min(text.length(), maxChars);
        if (n > 0 && n < text.length() && Character.isHighSurrogate(text.charAt(n - 1))
                && Character.isLowSurrogate(text.charAt(n))) {
            n--;
        }
        return n;
    }

    /** Tokenizes {@code text} into {@code out}, replacing its previous content. */
    public void scan(CharSequence text, TokenBuffer out) {
        out.clear();
        int n = examinedLength(text);
        if (!scanRange(text, n, out)) {
            // Context-dependent lower-casing: redo the examined prefix from Java's full lower-casing.
            out.clear();
            String lowered = text.subSequence(0, n).toString().toLowerCase(Locale.ROOT);
            scanRange(lowered, lowered.length(), out);
        }
    }

    /** Tokens as strings, for tests and tools; the hot path uses {@link #scan}. */
    public List<String> tokens(CharSequence text) {
        TokenBuffer buffer = new TokenBuffer();
        scan(text, buffer);
        List<String> tokens = new ArrayList<>(buffer.count());
        for (int i = 0; i < buffer.count(); i++) {
            tokens.add(buffer.token(i));
        }
        return tokens;
    }

    /**
     * Returns false, having stopped early, when the text needs context-dependent lower-casing.
     */
    private boolean scanRange(CharSequence text, int n, TokenBuffer out) {
        int tokenStart = -1;
        int tokenCodePoints = 0;
        int i = 0;
        while (i < n) {
            int cp = text.charAt(i++);
            if (Character.isHighSurrogate((char) cp) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                cp = Character.toCodePoint((char) cp, text.charAt(i++));
            }
            if (lowercase) {
                if (cp < 128) {
                    if (cp >= 'A' && cp <= 'Z') {
                        cp += 'a' - 'A';
                    }
                } else if (cp == 0x0130 || cp == 0x03A3) {
                    return false;
                } else {
                    cp = Character.toLowerCase(cp);
                }
            }
            if (isWordCodePoint(cp)) {
                if (tokenStart < 0) {
                    tokenStart = out.length;
                    tokenCodePoints = 0;
                }
                out.appendCodePoint(cp);
                tokenCodePoints++;
            } else if (tokenStart >= 0) {
                endToken(out, tokenStart, tokenCodePoints);
                tokenStart = -1;
            }
        }
        if (tokenStart >= 0) {
            endToken(out, tokenStart, tokenCodePoints);
        }
        return true;
    }

    private static void endToken(TokenBuffer out, int tokenStart, int tokenCodePoints) {
        if (tokenCodePoints >= 2) {
            out.addToken(tokenStart, out.length);
        } else {
            out.truncate(tokenStart);
        }
    }
}
