package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The statistics (gathered in the tokenizer's pass: an ASCII short path with a histogram and a class table, a
 * general path above U+007F, running state in locals) against a plain reference that follows the definitions
 * one code point at a time.
 */
class CharacterStatsTest {
    private static final int[] SPECIAL = {
        0x00, 0x07, 0x08, '\t', '\n', 0x0B, 0x0C, '\r', 0x1B, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xAA, 0xB5, 0xE9, 0xDF,
        0x130, 0x3A3, 0x3C3, 0x3B1, 0x3E2, 0x430, 0x41F, 0x5D0, 0x627, 0x301, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029, 0x3000, 0x212A, 0x4E2D,
        0x3042, 0x30A2, 0xAC00, 0xFF21, 0xFFFD, 0xE000, 0xF8FF, 0x0378, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x1F600,
        0x1D400, 0x10400, 0x20000, 0xF0000, '+', '/', '=', '-', '_', '!', '.', ' ', 0xFE0F, 0xFE00, 0xE0100, 0x0915,
        0x094D, 0x06CC, 0x062E, 0x1F468, 0x1F469, 0x1F3FD, 0x2764, 0x2640};

    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void shouldMatchTheReferenceOnSeededRandomText() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int t = 0; t < 3000; t++) {
            assertMatchesReference(randomText(random, random.nextInt(400)));
        }
        // All-ASCII texts, whose tokens are found without tracking scripts.
        for (int t = 0; t < 1000; t++) {
            assertMatchesReference(asciiText(random, random.nextInt(400)));
        }
    }

    @Test
    void shouldMatchTheReferenceOnRunsAndCountsBeyondTheTables() {
        assertMatchesReference("");
        assertMatchesReference("a");
        assertMatchesReference("a".repeat(5000) + " b");
        assertMatchesReference("\u200B".repeat(3000));
        assertMatchesReference("\uD83D\uDE00".repeat(1500) + "x");
        assertMatchesReference("aGVsbG8gd29ybGQ9PQ== ".repeat(100));
        assertMatchesReference("abcdefghij".repeat(5) + " 1234567890" + "A1");
        assertMatchesReference("x".repeat(39) + " " + "y".repeat(40) + " " + "z".repeat(41));
        // Encoded runs ended by a supplementary character, by a non-ASCII letter and by the end of the text.
        assertMatchesReference("ab12\uD83D\uDE00" + "q".repeat(45) + "\u00E9" + "c0ffee+/=" + "\uD83D\uDE00" + "9f".repeat(30));
        assertMatchesReference("pаypal Москва 東京タワー wоrld İstanbul ΟΔΟΣ K\u212Aelvin");
        // Joiners and selectors in spelling (Persian, Devanagari, emoji sequences, a keycap) and as stuffing.
        assertMatchesReference("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u0915\u094D\u200D\u0937 "
                + "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB "
                + "\u2764\uFE0F 1\uFE0F\u20E3 a\u200Db \u200D\u200D\u200D \uFE0F\uFE0F x\u200C");
        assertMatchesReference("aGVsbG8gd29ybGQ9PQ==aGVsbG8gd29ybGQ9PQ==\naGVsbG8gd29ybGQ9PQ==aGVsbG8gd29y\n"
                + "0123456789abcdef0123456789abcdef x1y2z3 deadbeefdeadbeefdeadbeef1");
        assertMatchesReference("    indented\n\n\n\n        more     ===== end");
    }

    @Test
    void shouldFindTheSameTokensWithAndWithoutStatistics() {
        // The statistics share the token pass; the tokens must not depend on whether they are gathered.
        SplittableRandom random = new SplittableRandom(20261128);
        WordTokenizer caseKeeping = new WordTokenizer(false, WordTokenizer.DEFAULT_MAX_CHARS);
        WordTokenizer capped = new WordTokenizer(true, 50);
        CharacterStats stats = new CharacterStats();
        TokenBuffer plain = new TokenBuffer();
        TokenBuffer gathered = new TokenBuffer();
        for (int t = 0; t < 2000; t++) {
            String text = t % 2 == 0 ? randomText(random, random.nextInt(300)) : asciiText(random, random.nextInt(300));
            for (WordTokenizer scanner : new WordTokenizer[] {tokenizer, caseKeeping, capped}) {
                scanner.scan(text, plain);
                scanner.scan(text, gathered, stats);
                assertThat(tokensOf(gathered)).as("text " + escape(text)).isEqualTo(tokensOf(plain));
            }
        }
    }

    @Test
    void shouldCountOnlyTheExaminedPrefixButTheWholeLength() {
        WordTokenizer capped = new WordTokenizer(true, 5);
        CharacterStats stats = new CharacterStats();
        TokenBuffer tokens = new TokenBuffer();
        capped.scan("cafe \u00E9", tokens, stats);
        assertThat(stats.nonAscii()).isZero();
        assertThat(stats.codePoints()).isEqualTo(5);
        assertThat(stats.totalLength()).isEqualTo(6);
        capped.scan("caf\u00E9 x", tokens, stats);
        assertThat(stats.nonAscii()).isEqualTo(1);
        assertThat(stats.letters()).isEqualTo(4);
    }

    @Test
    void shouldGroupEveryLetterAsTheUnicodeScriptSays() {
        // Twice: the first pass fills the per-block table, the second reads it.
        for (int pass = 0; pass < 2; pass++) {
            for (int cp = 128; cp <= Character.MAX_CODE_POINT; cp++) {
                if (Character.isLetter(cp) && WordTokenizer.scriptGroup(cp) != WordTokenizer.letterScriptGroup(cp)) {
                    throw new AssertionError("script group of U+" + Integer.toHexString(cp));
                }
            }
        }
        assertThat(WordTokenizer.scriptGroup('Q')).isEqualTo(WordTokenizer.scriptGroup(0xE9));
        assertThat(WordTokenizer.scriptGroup(0x430)).isNotEqualTo(WordTokenizer.scriptGroup('a'));
        assertThat(WordTokenizer.scriptGroup('7')).isEqualTo(WordTokenizer.scriptGroup(0x4E2D));
    }

    private static String randomText(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                s.append((char) (0x20 + random.nextInt(0x5F)));
            } else if (kind < 6) {
                s.appendCodePoint(SPECIAL[random.nextInt(SPECIAL.length)]);
            } else if (kind < 7) {
                // A run of one character, sometimes long.
                int cp = random.nextBoolean() ? 'a' + random.nextInt(26) : SPECIAL[random.nextInt(SPECIAL.length)];
                for (int k = random.nextInt(1, 60); k > 0; k--) {
                    s.appendCodePoint(cp);
                }
            } else if (kind < 8) {
                // Encoded-looking: base64 and hex alphabets.
                String alphabet = random.nextBoolean() ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
                        : "0123456789abcdef";
                for (int k = random.nextInt(1, 70); k > 0; k--) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else if (kind < 9) {
                s.append((char) random.nextInt(0x10000));
            } else {
                s.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
            }
        }
        return s.toString();
    }

    private static String asciiText(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append((char) random.nextInt(0x80));
        }
        return s.toString();
    }

    private static java.util.List<String> tokensOf(TokenBuffer buffer) {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < buffer.count(); i++) {
            tokens.add(buffer.token(i));
        }
        return tokens;
    }

    private void assertMatchesReference(String text) {
        CharacterStats stats = new CharacterStats();
        TokenBuffer tokens = new TokenBuffer();
        tokenizer.scan(text, tokens, stats);
        Reference expected = new Reference(text, tokenizer.examinedLength(text));
        String where = "text " + escape(text);
        assertThat(stats.codePoints()).as(where).isEqualTo(expected.codePoints);
        assertThat(stats.totalLength()).as(where).isEqualTo(text.length());
        assertThat(stats.nonAscii()).as(where).isEqualTo(expected.nonAscii);
        assertThat(stats.letters()).as(where).isEqualTo(expected.letters);
        assertThat(stats.upper()).as(where).isEqualTo(expected.upper);
        assertThat(stats.digits()).as(where).isEqualTo(expected.digits);
        assertThat(stats.symbols()).as(where).isEqualTo(expected.symbols);
        assertThat(stats.invisible()).as(where).isEqualTo(expected.invisible);
        assertThat(stats.longestRun()).as(where).isEqualTo(expected.longestRun);
        assertThat(stats.longestEncodedRun()).as(where).isEqualTo(expected.longestEncodedRun);
        assertThat(stats.encodedChars()).as(where).isEqualTo(expected.encodedChars);
        assertThat(stats.mixedScriptTokens()).as(where).isEqualTo(expected.mixedScriptTokens);
        // Reused: a second text leaves nothing of the first behind.
        tokenizer.scan("ab", tokens, stats);
        assertThat(stats.codePoints()).isEqualTo(2);
        assertThat(stats.invisible()).isZero();
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().limit(200).forEach(cp -> s.append(cp >= 0x20 && cp < 0x7F ? Character.toString(cp)
                : String.format("\\u{%X}", cp)));
        return s.toString();
    }

    /** The statistics as docs/anomaly.md defines them, one code point at a time, with no tables. */
    private static final class Reference {
        int codePoints;
        int nonAscii;
        int letters;
        int upper;
        int digits;
        int symbols;
        int invisible;
        int longestRun;
        int longestEncodedRun;
        int encodedChars;
        int mixedScriptTokens;
        final Map<Integer, Integer> counts = new HashMap<>();
        final java.util.List<Integer> codePointList = new java.util.ArrayList<>();

        Reference(String text, int n) {
            int previous = -1;
            int run = 0;
            int encodedRun = 0;
            boolean encodedDigit = false;
            boolean encodedLetter = false;
            int tokenLength = 0;
            Set<Integer> tokenScripts = new HashSet<>();
            for (int i = 0; i < n; ) {
                int cp = text.charAt(i++);
                if (Character.isHighSurrogate((char) cp) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                    cp = Character.toCodePoint((char) cp, text.charAt(i++));
                }
                codePoints++;
                counts.merge(cp, 1, Integer::sum);
                nonAscii += cp > 0x7F ? 1 : 0;
                int type = Character.getType(cp);
                boolean letter = type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER
                        || type == Character.TITLECASE_LETTER || type == Character.MODIFIER_LETTER
                        || type == Character.OTHER_LETTER;
                letters += letter ? 1 : 0;
                upper += type == Character.UPPERCASE_LETTER || type == Character.TITLECASE_LETTER ? 1 : 0;
                digits += type == Character.DECIMAL_DIGIT_NUMBER ? 1 : 0;
                boolean space = cp == '\t' || cp == '\n' || cp == 0x0B || cp == 0x0C || cp == '\r';
                invisible += isInvisible(cp) ? 1 : 0;
                codePointList.add(cp);
                symbols += switch (type) {
                    case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                            Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                            Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> 1;
                    default -> 0;
                };
                run = cp == previous ? run + 1 : 1;
                previous = cp;
                boolean whitespace = space || cp == ' ' || type == Character.SPACE_SEPARATOR
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
                longestRun = Math.max(longestRun, whitespace ? 1 : run);
                boolean encoded = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')
                        || cp == '+' || cp == '/' || cp == '=' || cp == '-' || cp == '_';
                if (encoded) {
                    encodedRun++;
                    encodedDigit |= cp >= '0' && cp <= '9';
                    encodedLetter |= Character.isLetter(cp);
                } else {
                    closeEncodedRun(encodedRun, encodedDigit, encodedLetter);
                    encodedRun = 0;
                    encodedDigit = false;
                    encodedLetter = false;
                }
                // Tokens as the scanner lower-cases them; İ adds an i and ends its token.
                if (cp == 0x130) {
                    closeToken(tokenLength + 1, tokenScripts);
                    tokenLength = 0;
                    continue;
                }
                int lower = cp == 0x3A3 ? 0x3C3 : cp < 128 ? Character.toLowerCase(cp) : UnicodeTables.toLower(cp);
                if (WordTokenizer.isWordCodePoint(lower)) {
                    tokenLength++;
                    if (letter) {
                        int group = cp < 128 ? WordTokenizer.letterScriptGroup('a')
                                : WordTokenizer.letterScriptGroup(cp);
                        if (group >= 0) {
                            tokenScripts.add(group);
                        }
                    }
                } else {
                    closeToken(tokenLength, tokenScripts);
                    tokenLength = 0;
                }
            }
            closeEncodedRun(encodedRun, encodedDigit, encodedLetter);
            closeToken(tokenLength, tokenScripts);
            invisible -= spelling(codePointList);
        }

        private static boolean isInvisible(int cp) {
            int type = Character.getType(cp);
            boolean space = cp == '\t' || cp == '\n' || cp == 0x0B || cp == 0x0C || cp == '\r';
            boolean selector = (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
            return selector || !space && (type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED);
        }

        /** Joiners and selectors used in spelling, as docs/anomaly.md defines them. */
        private static int spelling(java.util.List<Integer> cps) {
            int excused = 0;
            for (int j = 1; j < cps.size(); j++) {
                int cp = cps.get(j);
                int before = cps.get(j - 1);
                if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
                    boolean visible = !isInvisible(before) && !Character.isWhitespace(before)
                            && Character.getType(before) != Character.SPACE_SEPARATOR;
                    excused += visible ? 1 : 0;
                } else if ((cp == 0x200C || cp == 0x200D) && j + 1 < cps.size()) {
                    int after = cps.get(j + 1);
                    if (joining(before) && joining(after)) {
                        excused++;
                    } else if (Character.getType(after) == Character.OTHER_SYMBOL) {
                        int k = j - 1;
                        while (k >= 0 && ((cps.get(k) >= 0xFE00 && cps.get(k) <= 0xFE0F)
                                || (cps.get(k) >= 0xE0100 && cps.get(k) <= 0xE01EF)
                                || (cps.get(k) >= 0x1F3FB && cps.get(k) <= 0x1F3FF))) {
                            k--;
                        }
                        excused += k >= 0 && Character.getType(cps.get(k)) == Character.OTHER_SYMBOL ? 1 : 0;
                    }
                }
            }
            return excused;
        }

        private static boolean joining(int cp) {
            return (cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0x0900 && cp <= 0x0DFF) || (cp >= 0x0F00 && cp <= 0x109F)
                    || (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
        }

        private void closeEncodedRun(int length, boolean digit, boolean letter) {
            if ((digit && letter) || length >= 40) {
                longestEncodedRun = Math.max(longestEncodedRun, length);
                encodedChars += length >= 24 ? length : 0;
            }
        }

        private void closeToken(int length, Set<Integer> scripts) {
            if (length >= 2 && scripts.size() >= 2) {
                mixedScriptTokens++;
            }
            scripts.clear();
        }

    }
}
