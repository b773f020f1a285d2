package io.kroute.inference.text;

import java.util.ArrayList;
import java.util.List;

/**
 * scikit-learn's default word analyzer ({@code lowercase=True}, {@code token_pattern=(?u)\b\w\w+\b}) as a
 * single-pass scanner.
 *
 * <p>A token is a maximal run of at least two code points that Python's {@code \w} matches. Lower-casing is
 * Python's {@code str.lower()}: one code point at a time from Python's own Unicode tables
 * ({@link UnicodeTables}), except U+0130 (İ), which becomes {@code i} followed by the combining dot U+0307,
 * and U+03A3 (Σ), which becomes final ς or σ by Unicode's Final_Sigma rule, as CPython applies it.
 *
 * <p>At most {@link #maxChars()} characters of a text are examined, so a 10 MB prompt costs a bounded time.
 * Instances are immutable and thread-safe; the {@link TokenBuffer} passed to {@link #scan} is not.
 */
public final class WordTokenizer {
    /** Default cap on the characters examined per text: a long prompt, far beyond any useful signal. */
    public static final int DEFAULT_MAX_CHARS = 100_000;

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
        return UnicodeTables.isWord(codePoint);
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
        scanExamined(text, examinedLength(text), out, stats);
    }

    /**
     * Tokenizes at most the first {@code limit} examined characters of {@code text} (one fewer when the limit
     * would split a surrogate pair). Tokens wholly before the last one found are the text's own tokens.
     */
    public void scanPrefix(CharSequence text, int limit, TokenBuffer out) {
        int n = examinedLength(text);
        if (limit < n) {
            n = Math.max(0, limit);
            if (n > 0 && Character.isHighSurrogate(text.charAt(n - 1)) && Character.isLowSurrogate(text.charAt(n))) {
                n--;
            }
        }
        scanExamined(text, n, out, null);
    }

    private void scanExamined(CharSequence text, int n, TokenBuffer out, CharacterStats stats) {
        out.clear();
        char[] source = out.source(n);
        if (text instanceof String string) {
            // One bulk copy (vectorised for Latin-1 strings) instead of a checked charAt per character.
            string.getChars(0, n, source, 0);
        } else {
            for (int i = 0; i < n; i++) {
                source[i] = text.charAt(i);
            }
        }
        // A character lower-cases into at most two (a supplementary code point), so the loop needs no growth check.
        out.ensureCapacity(2 * n + 1);
        scanRange(text, source, n, out, stats, lowercase ? ASCII_LOWERED : ASCII_KEPT);
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

    // Per ASCII character: its CharacterStats class bits (low byte), WORD when \w matches it, and the character
    // the token gets (bits 16 and up; lower-cased or kept). The common case costs one table load.
    private static final int WORD = 0x100;
    private static final int[] ASCII_LOWERED = asciiTable(true);
    private static final int[] ASCII_KEPT = asciiTable(false);

    private static int[] asciiTable(boolean lowercase) {
        int[] table = new int[128];
        for (int c = 0; c < 128; c++) {
            int emitted = lowercase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            if (ASCII_WORD[c] && (CharacterStats.asciiClass(c) & CharacterStats.ENCODED) == 0) {
                // The scanner counts a run of word characters into the encoded run without looking.
                throw new ExceptionInInitializerError("word character outside the encoded alphabet: " + c);
            }
            table[c] = CharacterStats.asciiClass(c) | (ASCII_WORD[c] ? WORD : 0) | emitted << 16;
        }
        return table;
    }

    /**
     * Finds the tokens of {@code source[0, n)} and, when {@code stats} is not null, gathers the character statistics
     * in the same loop. An ASCII character takes a short path: one table load, its count and the two run trackers
     * when gathering, and at most one store into the token buffer. Other code points take the general path:
     * Python's lower-casing, the Unicode \w test and, when gathering, script groups. All running state stays in
     * locals.
     *
     * <p>A token mixes scripts when its letters come from two script groups: Latin and another, or two others.
     * Non-ASCII letters are grouped as they come; the ASCII letters of a token (all Latin) are only looked for
     * when it ends with another group in it, which is rare.
     */
    private static void scanRange(CharSequence text, char[] source, int n, TokenBuffer out, CharacterStats stats,
            int[] asciiTable) {
        boolean gather = stats != null;
        boolean lowercase = asciiTable == ASCII_LOWERED;
        int[] counts = gather ? stats.startGathering() : null;
        char[] chars = out.chars;
        int length = 0;
        int tokenStart = -1;
        int tokenCodePoints = 0;
        boolean tokenLatin = false;
        int tokenScript = SCRIPT_NONE;
        boolean tokenTwoOtherScripts = false;
        int surrogatePairs = 0;
        int previous = -1;
        int run = 0;
        int longestRun = 0;
        // The current encoded-alphabet run (all ASCII, so its characters are its code points): where it started and
        // the union of its characters' table entries (their class bits in the low byte).
        int encodedStart = 0;
        int encodedClasses = 0;
        int longestEncodedRun = 0;
        int encodedChars = 0;
        int i = 0;
        while (i < n) {
            int cp = source[i++];
            int scan;
            if (cp < 128) {
                scan = asciiTable[cp];
                if ((scan & WORD) != 0) {
                    // A run of ASCII word characters, in a counted loop of its own (so the compiler checks the
                    // array bounds once per run and polls for safepoints rarely): its only unpredictable branch is
                    // the run's end. Character k of the run goes to chars[shift + k].
                    if (tokenStart < 0) {
                        tokenStart = length;
                        tokenCodePoints = 0;
                    }
                    int runStart = i - 1;
                    int shift = length - runStart;
                    int runClasses = 0;
                    int k = runStart;
                    for (; k < n; k++) {
                        int c = source[k];
                        if (c >= 128) {
                            break;
                        }
                        int entry = asciiTable[c];
                        if ((entry & WORD) == 0) {
                            break;
                        }
                        chars[shift + k] = (char) (entry >>> 16);
                        if (gather) {
                            counts[c]++;
                            if (c == previous) {
                                longestRun = Math.max(longestRun, ++run);
                            } else {
                                run = 1;
                                previous = c;
                            }
                            runClasses |= entry;
                        }
                    }
                    i = k;
                    length = shift + k;
                    tokenCodePoints += k - runStart;
                    if (gather) {
                        // Every ASCII word character is in the encoded alphabet: the run extends the encoded run.
                        encodedClasses |= runClasses;
                    }
                    continue;
                }
                if (gather) {
                    counts[cp]++;
                }
            } else {
                if (Character.isHighSurrogate((char) cp) && i < n && Character.isLowSurrogate(source[i])) {
                    cp = Character.toCodePoint((char) cp, source[i++]);
                    surrogatePairs++;
                }
                scan = 0;
                if (gather) {
                    scan = stats.addNonAscii(cp);
                    if ((scan & CharacterStats.INVISIBLE) != 0 && CharacterStats.maySpell(cp)) {
                        stats.uncountSpelling(source, i - Character.charCount(cp), n);
                    }
                }
            }
            if (gather) {
                if (cp == previous) {
                    // Runs of whitespace (indentation, blank lines) are layout, not content: they never count.
                    ++run;
                    if ((scan & CharacterStats.SPACE) == 0) {
                        longestRun = Math.max(longestRun, run);
                    }
                } else {
                    run = 1;
                    previous = cp;
                }
                if ((scan & CharacterStats.ENCODED) != 0) {
                    encodedClasses |= scan;
                } else {
                    // This character ends the encoded run (perhaps empty) before it.
                    int at = i - Character.charCount(cp);
                    int counted = CharacterStats.encodedRunLength(at - encodedStart, encodedClasses);
                    longestEncodedRun = Math.max(longestEncodedRun, counted);
                    encodedChars += counted >= CharacterStats.ENCODED_SHARE_MIN_RUN ? counted : 0;
                    encodedStart = i;
                    encodedClasses = 0;
                }
            }
            boolean dottedCapitalI = false;
            if (cp >= 128) {
                int original = cp;
                if (lowercase) {
                    if (cp == 0x0130) {
                        // "İ".lower() is "i" + U+0307; the combining dot is not \w, so it ends the token at the i.
                        // The i's own script is not looked at.
                        cp = 'i';
                        dottedCapitalI = true;
                    } else if (cp == 0x03A3) {
                        cp = PythonCase.isFinalSigma(text, i - 1, n) ? 0x03C2 : 0x03C3;
                    } else {
                        cp = UnicodeTables.toLower(cp);
                    }
                }
                if (isWordCodePoint(cp)) {
                    if (tokenStart < 0) {
                        tokenStart = length;
                        tokenCodePoints = 0;
                    }
                    if (Character.isBmpCodePoint(cp)) {
                        chars[length++] = (char) cp;
                    } else {
                        chars[length++] = Character.highSurrogate(cp);
                        chars[length++] = Character.lowSurrogate(cp);
                    }
                    tokenCodePoints++;
                    if (!dottedCapitalI) {
                        if (gather && !tokenTwoOtherScripts) {
                            int script = scriptGroup(original);
                            if (script == SCRIPT_LATIN) {
                                tokenLatin = true;
                            } else if (script != SCRIPT_NONE) {
                                if (tokenScript == SCRIPT_NONE) {
                                    tokenScript = script;
                                } else if (tokenScript != script) {
                                    tokenTwoOtherScripts = true;
                                }
                            }
                        }
                        continue;
                    }
                }
            }
            // A character \w does not match (or the i of "İ", just appended) ends the token.
            if (tokenStart >= 0) {
                length = endToken(out, tokenStart, length, tokenCodePoints, dottedCapitalI ? length - 1 : length,
                        tokenLatin, tokenScript, tokenTwoOtherScripts, stats);
                tokenStart = -1;
                tokenLatin = false;
                tokenScript = SCRIPT_NONE;
                tokenTwoOtherScripts = false;
            }
        }
        if (tokenStart >= 0) {
            length = endToken(out, tokenStart, length, tokenCodePoints, length, tokenLatin, tokenScript,
                    tokenTwoOtherScripts, stats);
        }
        out.length = length;
        if (gather) {
            int counted = CharacterStats.encodedRunLength(n - encodedStart, encodedClasses);
            longestEncodedRun = Math.max(longestEncodedRun, counted);
            encodedChars += counted >= CharacterStats.ENCODED_SHARE_MIN_RUN ? counted : 0;
            stats.finish(text.length(), n - surrogatePairs, n > 0 ? Math.max(longestRun, 1) : 0, longestEncodedRun,
                    encodedChars);
        }
    }

    private static final int SCRIPT_NONE = -1;
    private static final int SCRIPT_LATIN = Character.UnicodeScript.LATIN.ordinal();

    /**
     * The writing system of a letter, for spotting tokens that mix scripts (homoglyph spoofing). Digits,
     * marks, Common and Inherited letters belong to no script, and so do the East Asian scripts (Han, kana,
     * Hangul, Bopomofo): CJK text runs Latin words into its own without spaces, legitimately.
     */
    static int scriptGroup(int cp) {
        if (cp < 128) {
            return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' ? SCRIPT_LATIN : SCRIPT_NONE;
        }
        if (!Character.isLetter(cp)) {
            return SCRIPT_NONE;
        }
        // Character.UnicodeScript.of is a binary search over some two thousand ranges; the letters of almost
        // every block of 32 code points share one group, so that group is looked up once per block.
        int block = cp >>> SCRIPT_BLOCK_BITS;
        int cached = BLOCK_SCRIPT_GROUP[block] & 0xFF;
        if (cached == BLOCK_NOT_SEEN) {
            cached = blockScriptGroup(block);
            BLOCK_SCRIPT_GROUP[block] = (byte) cached;
        }
        return cached == BLOCK_MIXED ? letterScriptGroup(cp) : cached - BLOCK_GROUP_OFFSET;
    }

    private static final int SCRIPT_BLOCK_BITS = 5;
    // Per block: 0 not seen yet, 1 letters of more than one group, otherwise the letters' group + 3 (the group
    // may be SCRIPT_NONE, -1). Threads that race on an entry compute and write the same value.
    private static final int BLOCK_NOT_SEEN = 0;
    private static final int BLOCK_MIXED = 1;
    private static final int BLOCK_GROUP_OFFSET = 3;
    private static final byte[] BLOCK_SCRIPT_GROUP = new byte[(Character.MAX_CODE_POINT + 1) >>> SCRIPT_BLOCK_BITS];

    static {
        if (Character.UnicodeScript.values().length + BLOCK_GROUP_OFFSET > 0xFF) {
            throw new ExceptionInInitializerError("too many Unicode scripts for the per-block script table");
        }
    }

    private static int blockScriptGroup(int block) {
        int group = Integer.MIN_VALUE;
        for (int cp = block << SCRIPT_BLOCK_BITS; cp < (block + 1) << SCRIPT_BLOCK_BITS; cp++) {
            if (Character.isLetter(cp)) {
                int g = letterScriptGroup(cp);
                if (group != Integer.MIN_VALUE && g != group) {
                    return BLOCK_MIXED;
                }
                group = g;
            }
        }
        // A block without letters is never asked about; any group will do.
        return (group == Integer.MIN_VALUE ? SCRIPT_NONE : group) + BLOCK_GROUP_OFFSET;
    }

    /** The group of a letter above U+007F, from its Unicode script. */
    static int letterScriptGroup(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        switch (script) {
            case COMMON:
            case INHERITED:
            case UNKNOWN:
            case HAN:
            case HIRAGANA:
            case KATAKANA:
            case HANGUL:
            case BOPOMOFO:
                return SCRIPT_NONE;
            default:
                return script.ordinal();
        }
    }

    /**
     * Ends the token {@code chars[tokenStart, length)}: keeps it when it has at least two code points, counting it
     * into {@code stats} when it mixes scripts (judged over {@code chars[tokenStart, lettersEnd)}), and returns the
     * buffer's new length (the token's start when it was too short).
     */
    private static int endToken(TokenBuffer out, int tokenStart, int length, int tokenCodePoints, int lettersEnd,
            boolean latin, int otherScript, boolean twoOtherScripts, CharacterStats stats) {
        if (tokenCodePoints < 2) {
            return tokenStart;
        }
        out.addToken(tokenStart, length);
        if (stats != null && mixesScripts(out.chars, tokenStart, lettersEnd, latin, otherScript, twoOtherScripts)) {
            stats.mixedScriptTokens++;
        }
        return length;
    }

    /**
     * Whether the token {@code chars[start, end)} mixes scripts. Only a token with a letter of a group other than
     * Latin can; its ASCII letters (Latin) are looked for in its characters only then.
     */
    private static boolean mixesScripts(char[] chars, int start, int end, boolean latin, int otherScript,
            boolean twoOtherScripts) {
        if (twoOtherScripts) {
            return true;
        }
        if (otherScript == SCRIPT_NONE) {
            return false;
        }
        if (latin) {
            return true;
        }
        for (int i = start; i < end; i++) {
            if ((char) ((chars[i] | 0x20) - 'a') < 26) {
                return true;
            }
        }
        return false;
    }
}
