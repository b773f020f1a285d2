package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The character analyzers against the n-gram counts scikit-learn 1.2.1's own analyzers give for the same texts
 * ({@code CountVectorizer(analyzer=..., ngram_range=...).build_analyzer()}), recorded here: whitespace runs, a
 * lone tab, padding, short words counted once, "İ" lower-cased into two code points, a final sigma, an emoji
 * counted as one code point, ideographic space.
 */
class CharVectorizerTest {

    @Test
    void charShouldCollapseWhitespaceRunsButKeepALoneTab() {
        assertCounts(CharVectorizer.Analyzer.CHAR, 1, 3, "Ab  c\td", Map.ofEntries(
                Map.entry("\t", 1), Map.entry("\td", 1), Map.entry(" ", 1), Map.entry(" c", 1), Map.entry(" c\t", 1),
                Map.entry("a", 1), Map.entry("ab", 1), Map.entry("ab ", 1), Map.entry("b", 1), Map.entry("b ", 1),
                Map.entry("b c", 1), Map.entry("c", 1), Map.entry("c\t", 1), Map.entry("c\td", 1), Map.entry("d", 1)));
    }

    @Test
    void charWbShouldPadWordsAndCountAShortWordOnce() {
        assertCounts(CharVectorizer.Analyzer.CHAR_WB, 2, 5, "a bb \u0130x", Map.ofEntries(
                Map.entry(" a", 1), Map.entry(" a ", 1), Map.entry(" b", 1), Map.entry(" bb", 1), Map.entry(" bb ", 1),
                Map.entry(" i", 1), Map.entry(" i\u0307", 1), Map.entry(" i\u0307x", 1), Map.entry(" i\u0307x ", 1),
                Map.entry("a ", 1), Map.entry("b ", 1), Map.entry("bb", 1), Map.entry("bb ", 1),
                Map.entry("i\u0307", 1), Map.entry("i\u0307x", 1), Map.entry("i\u0307x ", 1), Map.entry("x ", 1),
                Map.entry("\u0307x", 1), Map.entry("\u0307x ", 1)));
    }

    @Test
    void charShouldCountASupplementaryCharacterAsOne() {
        assertCounts(CharVectorizer.Analyzer.CHAR, 2, 2, "x\ud83d\ude00y",
                Map.of("x\ud83d\ude00", 1, "\ud83d\ude00y", 1));
    }

    @Test
    void charWbShouldLowerAFinalSigmaAndSplitAtIdeographicSpace() {
        assertCounts(CharVectorizer.Analyzer.CHAR_WB, 1, 2, "\u039f\u0394\u039f\u03a3 \u0391\u3000\u65e5\u672c\u8a9e",
                Map.ofEntries(Map.entry(" ", 6), Map.entry(" \u03b1", 1), Map.entry(" \u03bf", 1),
                        Map.entry(" \u65e5", 1), Map.entry("\u03b1", 1), Map.entry("\u03b1 ", 1),
                        Map.entry("\u03b4", 1), Map.entry("\u03b4\u03bf", 1), Map.entry("\u03bf", 2),
                        Map.entry("\u03bf\u03b4", 1), Map.entry("\u03bf\u03c2", 1), Map.entry("\u03c2", 1),
                        Map.entry("\u03c2 ", 1), Map.entry("\u65e5", 1), Map.entry("\u65e5\u672c", 1),
                        Map.entry("\u672c", 1), Map.entry("\u672c\u8a9e", 1), Map.entry("\u8a9e", 1),
                        Map.entry("\u8a9e ", 1)));
    }

    @Test
    void shouldGiveNoFeaturesWhenTheTextIsShorterThanEveryNGramOrOnlyWhitespace() {
        assertCounts(CharVectorizer.Analyzer.CHAR, 4, 6, "ab", Map.of());
        assertCounts(CharVectorizer.Analyzer.CHAR_WB, 3, 3, " \n ", Map.of());
    }

    @Test
    void shouldKeepCaseWhenNotLowercasing() {
        TermIndex vocabulary = TermIndex.of(new String[] {"Ab", "ab"});
        CharVectorizer v = CharVectorizer.count(CharVectorizer.Analyzer.CHAR, new WordTokenizer(false, 1000),
                vocabulary, 2, 2, false);
        SparseFeatures out = new SparseFeatures();
        v.transform("Ab", out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.index(0)).isZero();
    }

    @Test
    void shouldLeaveTheWordTokensOfTheFeaturesAlone() {
        SparseFeatures out = new SparseFeatures();
        new WordTokenizer().scan("two words", out.tokens);
        CharVectorizer v = CharVectorizer.count(CharVectorizer.Analyzer.CHAR_WB, new WordTokenizer(),
                TermIndex.of(new String[] {" x "}), 1, 3, false);
        v.transform("x", out);
        assertThat(out.tokens().count()).isEqualTo(2);
        assertThat(out.size()).isEqualTo(1);
    }

    @Test
    void whitespaceShouldBePythonsBackslashS() {
        int[] whitespace = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F,
            0x205F, 0x3000};
        List<Integer> found = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (CharVectorizer.isWhitespace(cp)) {
                found.add(cp);
            }
        }
        assertThat(found).containsExactly(java.util.Arrays.stream(whitespace).boxed().toArray(Integer[]::new));
    }

    /** Vectorizes {@code text} over a vocabulary of the expected n-grams (and one absent term) and compares. */
    private static void assertCounts(CharVectorizer.Analyzer analyzer, int min, int max, String text,
            Map<String, Integer> expected) {
        List<String> terms = new ArrayList<>(expected.keySet());
        terms.add("never seen");
        TermIndex vocabulary = TermIndex.of(terms.toArray(new String[0]));
        CharVectorizer v = CharVectorizer.count(analyzer, new WordTokenizer(), vocabulary, min, max, false);
        SparseFeatures out = new SparseFeatures();
        v.transform(text, out);
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            found.put(vocabulary.term(out.index(i)), (int) out.value(i));
        }
        assertThat(found).isEqualTo(expected);
    }
}
