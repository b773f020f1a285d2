package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void shouldLowercaseAndSplitOnNonWordCharacters() {
        assertThat(tokenizer.tokens("Hello, World! It's snake_case x2 42"))
                .containsExactly("hello", "world", "it", "snake_case", "x2", "42");
    }

    @Test
    void shouldDropSingleCharacterTokens() {
        assertThat(tokenizer.tokens("a b c ab")).containsExactly("ab");
    }

    @Test
    void shouldYieldNothingForEmptyOrBlankText() {
        assertThat(tokenizer.tokens("")).isEmpty();
        assertThat(tokenizer.tokens(" \t\n\u00a0\u2003 ")).isEmpty();
    }

    @Test
    void shouldKeepAccentedAndNonLatinLetters() {
        assertThat(tokenizer.tokens("Café MÜNCHEN straße Москва 東京タワー"))
                .containsExactly("café", "münchen", "straße", "москва", "東京タワー");
    }

    @Test
    void shouldSplitAtCombiningMarksAsPythonDoes() {
        // U+0301 COMBINING ACUTE is a mark (Mn), not \w in Python: "cafe\u0301s" splits into "cafe" and "s".
        assertThat(tokenizer.tokens("cafe\u0301s")).containsExactly("cafe");
    }

    @Test
    void shouldLowercaseDottedCapitalIToTwoCodePoints() {
        // Python: "İstanbul".lower() == "i\u0307stanbul"; U+0307 is not \w, so only "stanbul" remains.
        assertThat(tokenizer.tokens("İstanbul")).containsExactly("stanbul");
    }

    @Test
    void shouldApplyFinalSigma() {
        assertThat(tokenizer.tokens("ΟΔΟΣ ΣΑΣ")).containsExactly("οδος", "σας");
    }

    @Test
    void shouldTreatSupplementaryLettersAsOneCodePoint() {
        // Two Deseret capital letters (U+10400, U+10401): four chars, two code points, lower-cased.
        assertThat(tokenizer.tokens("\uD801\uDC00\uD801\uDC01")).containsExactly("\uD801\uDC28\uD801\uDC29");
        // A single supplementary letter is one code point, too short for a token.
        assertThat(tokenizer.tokens("\uD801\uDC00 ok")).containsExactly("ok");
    }

    @Test
    void shouldTreatLoneSurrogatesAndControlsAsSeparators() {
        assertThat(tokenizer.tokens("ab\uD800cd\u0000ef\u0007gh\uDC00ij")).containsExactly("ab", "cd", "ef", "gh", "ij");
    }

    @Test
    void shouldTreatEmojiAndSymbolsAsSeparators() {
        assertThat(tokenizer.tokens("go🚀now ok✓fine")).containsExactly("go", "now", "ok", "fine");
    }

    @Test
    void shouldCountDigitsOfOtherScriptsAsWordCharacters() {
        assertThat(tokenizer.tokens("٣٤ ½¾ ⅣⅤ")).containsExactly("٣٤", "½¾", "ⅳⅴ");
    }

    @Test
    void shouldKeepCaseWhenNotLowercasing() {
        assertThat(new WordTokenizer(false, 1000).tokens("Hello ΟΔΟΣ")).containsExactly("Hello", "ΟΔΟΣ");
    }

    @Test
    void shouldExamineOnlyTheFirstMaxCharsCharacters() {
        WordTokenizer capped = new WordTokenizer(true, 8);
        assertThat(capped.tokens("abcd efghij klm")).containsExactly("abcd", "efg");
    }

    @Test
    void shouldNotSplitASurrogatePairAtTheCap() {
        WordTokenizer capped = new WordTokenizer(true, 4);
        // "ab" + U+10400 (2 chars): the cap at 4 would cut the pair after its high half; the pair is dropped.
        assertThat(capped.examinedLength("abc\uD801\uDC00")).isEqualTo(3);
    }

    @Test
    void shouldBoundWorkOnTenMegabyteText() {
        String huge = "word ".repeat(2_000_000);
        assertThat(tokenizer.tokens(huge)).hasSize(WordTokenizer.DEFAULT_MAX_CHARS / 5);
    }

    @Test
    void shouldReuseTheBufferAcrossCalls() {
        TokenBuffer buffer = new TokenBuffer();
        tokenizer.scan("one two three", buffer);
        tokenizer.scan("four", buffer);
        assertThat(buffer.count()).isEqualTo(1);
        assertThat(buffer.token(0)).isEqualTo("four");
    }

    @Test
    void shouldRefuseNonPositiveCap() {
        assertThatThrownBy(() -> new WordTokenizer(true, 0)).hasMessageContaining("at least 1");
    }
}
