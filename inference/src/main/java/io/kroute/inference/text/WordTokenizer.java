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
        scan(text, out, null);
    }

    /**
     * Tokenizes {@code text} into {@code out} and, when {@code stats} is not null, gathers its character
     * statistics in the same pass (both replace their previous content).
     */
    public void scan(CharSequence text, TokenBuffer out, CharacterStats stats) {
        out.clear();
        if (stats != null) {
            stats.clear();
        }
        int n = examinedLength(text);
        if (!scanRange(text, n, out, stats, lowercase)) {
            // Context-dependent lower-casing: redo the examined prefix from Java's full lower-casing, and (in
            // this rare case only) take the character statistics from a second pass over the original text.
            out.clear();
            String lowered = text.subSequence(0, n).toString().toLowerCase(Locale.ROOT);
            scanRange(lowered, lowered.length(), out, null, true);
            if (stats != null) {
                stats.clear();
                scanRange(text, n, new TokenBuffer(), stats, false);
            }
        }
        if (stats != null) {
            stats.finish(text.length());
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
     * Returns false, having stopped early, when lower-casing and the text needs context-dependent lower-casing.
     */
    private static boolean scanRange(CharSequence text, int n, TokenBuffer out, CharacterStats stats,
            boolean lowercase) {
        int tokenStart = -1;
        int tokenCodePoints = 0;
        int tokenScript = SCRIPT_NONE;
        boolean tokenMixed = false;
        int i = 0;
        while (i < n) {
            int cp = text.charAt(i++);
            if (Character.isHighSurrogate((char) cp) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                cp = Character.toCodePoint((char) cp, text.charAt(i++));
            }
            if (stats != null) {
                stats.add(cp);
            }
            int original = cp;
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
                    tokenScript = SCRIPT_NONE;
                    tokenMixed = false;
                }
                out.appendCodePoint(cp);
                tokenCodePoints++;
                if (stats != null && !tokenMixed) {
                    int script = scriptGroup(original);
                    if (script != SCRIPT_NONE) {
                        if (tokenScript == SCRIPT_NONE) {
                            tokenScript = script;
                        } else if (tokenScript != script) {
                            tokenMixed = true;
                        }
                    }
                }
            } else if (tokenStart >= 0) {
                if (endToken(out, tokenStart, tokenCodePoints) && tokenMixed) {
                    stats.mixedScriptTokens++;
                }
                tokenStart = -1;
            }
        }
        if (tokenStart >= 0 && endToken(out, tokenStart, tokenCodePoints) && tokenMixed) {
            stats.mixedScriptTokens++;
        }
        return true;
    }

    private static final int SCRIPT_NONE = -1;
    private static final int SCRIPT_LATIN = Character.UnicodeScript.LATIN.ordinal();
    private static final int SCRIPT_CJK = Character.UnicodeScript.HAN.ordinal();

    /**
     * The writing system of a letter, for spotting tokens that mix scripts (homoglyph spoofing). Han, kana
     * and Hangul count as one group, since Japanese and Korean words mix them legitimately; digits and
     * marks belong to no script.
     */
    private static int scriptGroup(int cp) {
        if (cp < 128) {
            return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' ? SCRIPT_LATIN : SCRIPT_NONE;
        }
        if (!Character.isLetter(cp)) {
            return SCRIPT_NONE;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        switch (script) {
            case COMMON:
            case INHERITED:
            case UNKNOWN:
                return SCRIPT_NONE;
            case HAN:
            case HIRAGANA:
            case KATAKANA:
            case HANGUL:
            case BOPOMOFO:
                return SCRIPT_CJK;
            default:
                return script.ordinal();
        }
    }

    /** Keeps the token when it has at least two code points; returns whether it was kept. */
    private static boolean endToken(TokenBuffer out, int tokenStart, int tokenCodePoints) {
        if (tokenCodePoints >= 2) {
            out.addToken(tokenStart, out.length);
            return true;
        }
        out.truncate(tokenStart);
        return false;
    }
}
