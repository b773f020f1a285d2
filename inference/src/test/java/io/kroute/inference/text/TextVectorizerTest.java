package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextVectorizerTest {
    private static final TermIndex VOCABULARY = TermIndex.of(new String[] {"big", "big cat", "cat", "dog", "the"});

    @Test
    void shouldCountUnigramsAndBigramsInAscendingFeatureOrder() {
        TextVectorizer v = TextVectorizer.count(new WordTokenizer(), VOCABULARY, null, 1, 2, false);
        SparseFeatures x = new SparseFeatures();
        v.transform("The big cat saw the big dog", x);
        assertThat(x.size()).isEqualTo(5);
        int[] indices = new int[x.size()];
        double[] values = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            indices[i] = x.index(i);
            values[i] = x.value(i);
        }
        assertThat(indices).containsExactly(0, 1, 2, 3, 4);
        assertThat(values).containsExactly(2, 1, 1, 1, 2);
    }

    @Test
    void shouldClipCountsWhenBinary() {
        TextVectorizer v = TextVectorizer.count(new WordTokenizer(), VOCABULARY, null, 1, 1, true);
        SparseFeatures x = new SparseFeatures();
        v.transform("dog dog dog", x);
        assertThat(x.size()).isEqualTo(1);
        assertThat(x.value(0)).isEqualTo(1.0);
    }

    @Test
    void shouldRemoveStopWordsBeforeFormingNGrams() {
        TermIndex vocabulary = TermIndex.of(new String[] {"big cat", "cat", "the"});
        TermIndex stopWords = TermIndex.of(new String[] {"the", "very"});
        TextVectorizer v = TextVectorizer.count(new WordTokenizer(), vocabulary, stopWords, 1, 2, false);
        SparseFeatures x = new SparseFeatures();
        v.transform("the big very cat", x);
        // "very" is removed, so "big cat" becomes adjacent, as in scikit-learn.
        assertThat(x.size()).isEqualTo(2);
        assertThat(x.index(0)).isEqualTo(0);
        assertThat(x.index(1)).isEqualTo(1);
    }

    @Test
    void shouldWeighTfIdfWithSublinearTfAndL2Norm() {
        double[] idf = {1.5, 2.0, 1.2, 1.8, 1.0};
        TextVectorizer v = TextVectorizer.tfidf(new WordTokenizer(), VOCABULARY, null, 1, 1, false, idf,
                TextVectorizer.Norm.L2, true);
        SparseFeatures x = new SparseFeatures();
        v.transform("cat cat cat dog", x);
        double cat = (1 + Math.log(3)) * 1.2;
        double dog = 1.8;
        double norm = Math.sqrt(cat * cat + dog * dog);
        assertThat(x.value(0)).isCloseTo(cat / norm, within(1e-15));
        assertThat(x.value(1)).isCloseTo(dog / norm, within(1e-15));
    }

    @Test
    void shouldNormaliseWithL1() {
        TextVectorizer v = TextVectorizer.tfidf(new WordTokenizer(), VOCABULARY, null, 1, 1, false, null,
                TextVectorizer.Norm.L1, false);
        SparseFeatures x = new SparseFeatures();
        v.transform("cat cat dog the", x);
        assertThat(x.value(0) + x.value(1) + x.value(2)).isCloseTo(1.0, within(1e-15));
        assertThat(x.value(0)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void shouldLeaveAllZeroRowsAlone() {
        TextVectorizer v = TextVectorizer.tfidf(new WordTokenizer(), VOCABULARY, null, 1, 1, false, null,
                TextVectorizer.Norm.L2, false);
        SparseFeatures x = new SparseFeatures();
        v.transform("nothing known", x);
        assertThat(x.size()).isZero();
    }
}
