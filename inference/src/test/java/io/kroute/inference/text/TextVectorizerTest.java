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

    @Test
    void shouldCountRepeatsBeyondAByteAndKeepFeaturesAscending() {
        TextVectorizer v = TextVectorizer.count(new WordTokenizer(), VOCABULARY, null, 1, 1, false);
        SparseFeatures x = new SparseFeatures();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            text.append(i < 300 ? "the " : "").append(i < 256 ? "dog " : "").append(i < 255 ? "big " : "")
                    .append("cat ").append("mouse ");
        }
        v.transform(text, x);
        assertThat(x.size()).isEqualTo(4);
        assertThat(new int[] {x.index(0), x.index(1), x.index(2), x.index(3)}).containsExactly(0, 2, 3, 4);
        assertThat(new double[] {x.value(0), x.value(1), x.value(2), x.value(3)}).containsExactly(255, 700, 256, 300);
        assertThat(x.knownTokens()).isEqualTo(255 + 700 + 256 + 300);
        // The same scratch space, reused, starts from zero counts.
        v.transform("dog the dog", x);
        assertThat(x.size()).isEqualTo(2);
        assertThat(new double[] {x.value(0), x.value(1)}).containsExactly(2, 1);
    }

    @Test
    void shouldAgreeWithSortingOnSeededTextsAcrossVocabularySizes() {
        java.util.Random random = new java.util.Random(3);
        SparseFeatures x = new SparseFeatures();
        for (int size : new int[] {1, 63, 64, 65, 4096, 4097, 70_000, 5}) {
            String[] terms = new String[size];
            for (int i = 0; i < size; i++) {
                terms[i] = "w" + i;
            }
            TextVectorizer v = TextVectorizer.count(new WordTokenizer(), TermIndex.of(terms), null, 1, 1, false);
            for (int round = 0; round < 20; round++) {
                int words = random.nextInt(random.nextBoolean() ? 30 : 3000);
                int[] counts = new int[size];
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < words; i++) {
                    int f = random.nextInt(size);
                    if (random.nextInt(4) == 0) {
                        text.append("unknown ");
                    } else {
                        counts[f]++;
                        text.append('w').append(f).append(' ');
                    }
                }
                v.transform(text, x);
                int n = 0;
                for (int f = 0; f < size; f++) {
                    if (counts[f] > 0) {
                        assertThat(x.index(n)).isEqualTo(f);
                        assertThat(x.value(n)).isEqualTo(counts[f]);
                        n++;
                    }
                }
                assertThat(x.size()).isEqualTo(n);
            }
        }
    }

    @Test
    void shouldStartCleanAfterATextWasAbandonedHalfway() {
        SparseFeatures x = new SparseFeatures();
        x.startHits(5);
        x.addHit(3);
        x.addHit(3);
        TextVectorizer v = TextVectorizer.count(new WordTokenizer(), VOCABULARY, null, 1, 1, false);
        v.transform("cat", x);
        assertThat(x.size()).isEqualTo(1);
        assertThat(x.index(0)).isEqualTo(2);
        assertThat(x.value(0)).isEqualTo(1.0);
    }
}
