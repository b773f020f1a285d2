package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureUnionTest {
    private static final TermIndex WORDS = TermIndex.of(new String[] {"alpha", "beta", "gamma"});

    private static TextVectorizer words() {
        return TextVectorizer.count(new WordTokenizer(), WORDS, null, 1, 1, false);
    }

    @Test
    void shouldPutEachPartsColumnsAfterThoseBeforeIt() {
        FeatureUnion union = new FeatureUnion(List.of(words(), words()), new int[] {0, 1}, null);
        SparseFeatures out = new SparseFeatures();
        union.transform("Gamma beta gamma", out);
        assertThat(union.featureCount()).isEqualTo(6);
        assertThat(indices(out)).containsExactly(1, 2, 5);
        assertThat(out.value(1)).isEqualTo(2.0);
        assertThat(out.tokens().count()).as("the word pass of the whole-text part").isEqualTo(3);
        assertThat(out.knownTokens()).isEqualTo(3);
    }

    @Test
    void headWordsShouldBeTheFirstWordsAsWrittenEvenFarIntoTheText() {
        FeatureUnion union = new FeatureUnion(List.of(words()), new int[] {2}, new WordTokenizer());
        SparseFeatures out = new SparseFeatures();
        String text = "a " + " ".repeat(500) + "BETA, x gamma alpha alpha";
        union.transform(text, out);
        assertThat(indices(out)).containsExactly(1, 2);
        union.transform("alpha", out);
        assertThat(indices(out)).containsExactly(0);
        FeatureUnion all = new FeatureUnion(List.of(words()), new int[] {Integer.MAX_VALUE}, new WordTokenizer());
        all.transform("beta gamma", out);
        assertThat(indices(out)).containsExactly(1, 2);
    }

    @Test
    void tailWordsShouldBeTheLastWordsAsWrittenEvenFarFromTheEnd() {
        FeatureUnion union = new FeatureUnion(List.of(words()), new int[] {0}, new int[] {2}, new WordTokenizer());
        SparseFeatures out = new SparseFeatures();
        union.transform("alpha alpha x GAMMA" + " ".repeat(500) + "beta!", out);
        assertThat(indices(out)).containsExactly(1, 2);
        union.transform("beta", out);
        assertThat(indices(out)).containsExactly(1);
        union.transform("", out);
        assertThat(indices(out)).isEmpty();
        assertThat(union.describe()).startsWith("union of 1: last 2 words: ");
    }

    @Test
    void tailWordsShouldNeverTakeTheCutEndOfALongerWordForAWord() {
        FeatureUnion union = new FeatureUnion(List.of(words()), new int[] {0}, new int[] {2}, new WordTokenizer());
        SparseFeatures out = new SparseFeatures();
        // The first guess of 24 characters starts exactly at "gamma", the end of the word "wwwwwwwwwwgamma".
        union.transform("w".repeat(10) + "gamma" + " ".repeat(15) + "beta", out);
        assertThat(indices(out)).containsExactly(1);
        // A supplementary word character cut in half at the suffix start ("\uD840\uDC00" is a CJK letter).
        union.transform("alpha \uD840\uDC00gamma" + " ".repeat(16) + "beta", out);
        assertThat(indices(out)).containsExactly(1);
    }

    @Test
    void partsOverDifferentHeadsAndTailsShouldEachReadTheirOwnWords() {
        FeatureUnion union = new FeatureUnion(List.of(words(), words(), words(), words()), new int[] {2, 1, 0, 0},
                new int[] {0, 0, 1, 2}, new WordTokenizer());
        SparseFeatures out = new SparseFeatures();
        union.transform("beta gamma alpha", out);
        assertThat(indices(out)).containsExactly(1, 2, 4, 6, 9, 11);
    }

    @Test
    void aPartShouldReadTheHeadOrTheTailNotBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeatureUnion(List.of(words()), new int[] {1},
                        new int[] {1}, new WordTokenizer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void withoutAWordPartTheUnionShouldMakeTheWordPassOnlyForStatistics() {
        CharVectorizer chars = CharVectorizer.count(CharVectorizer.Analyzer.CHAR_WB, new WordTokenizer(),
                TermIndex.of(new String[] {" al", "ta "}), 3, 3, false);
        FeatureUnion union = new FeatureUnion(List.of(chars), new int[] {0}, new WordTokenizer());
        SparseFeatures withStatistics = new SparseFeatures().withStatistics();
        union.transform("Alpha beta x", withStatistics);
        assertThat(indices(withStatistics)).containsExactly(0, 1);
        assertThat(withStatistics.tokens().count()).isEqualTo(2);
        assertThat(withStatistics.knownTokens()).as("no word vocabulary: no token is known").isZero();
        assertThat(withStatistics.tokenFeature(0)).isEqualTo(-1);
        SparseFeatures plain = new SparseFeatures();
        union.transform("Alpha beta x", plain);
        assertThat(plain.tokens().count()).isZero();
        assertThat(indices(plain)).containsExactly(0, 1);
    }

    private static int[] indices(SparseFeatures out) {
        int[] indices = new int[out.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = out.index(i);
        }
        return indices;
    }
}
