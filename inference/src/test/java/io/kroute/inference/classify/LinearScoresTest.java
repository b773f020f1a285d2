package io.kroute.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.TermIndex;
import io.kroute.inference.text.TextVectorizer;
import io.kroute.inference.text.WordTokenizer;
import io.kroute.inference.weights.WeightFileFixture;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearScoresTest {

    @Test
    void softmaxShouldSumToOneAndKeepOrder() {
        double[] s = {-1000.0, -1001.0, -1003.0};
        LinearScores.softmaxInPlace(s);
        assertThat(s[0] + s[1] + s[2]).isCloseTo(1.0, within(1e-14));
        assertThat(s[0]).isGreaterThan(s[1]);
        assertThat(s[1]).isGreaterThan(s[2]);
        double z = 1 + Math.exp(-1) + Math.exp(-3);
        assertThat(s[0]).isCloseTo(1 / z, within(1e-15));
    }

    @Test
    void softmaxShouldNotOverflowOnLargeScores() {
        double[] s = {800.0, 799.0};
        LinearScores.softmaxInPlace(s);
        assertThat(s[0]).isFinite().isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    }

    @Test
    void softmaxShouldReturnTheEntropyOfItsProbabilities() {
        Random random = new Random(20261127);
        for (int trial = 0; trial < 2000; trial++) {
            double[] s = new double[1 + random.nextInt(20)];
            double spread = Math.pow(10, random.nextInt(5) - 1);
            for (int c = 0; c < s.length; c++) {
                s[c] = (random.nextDouble() - 0.5) * spread + (trial % 7 - 3) * 400.0;
            }
            double entropy = LinearScores.softmaxInPlace(s);
            assertThat(entropy).as("trial " + trial).isCloseTo(Classification.entropyOf(s), within(1e-12))
                    .isBetween(0.0, Math.log(s.length) + 1e-12);
        }
        // Certain: one class takes all the mass.
        assertThat(LinearScores.softmaxInPlace(new double[] {0.0, -2000.0})).isZero();
        assertThat(LinearScores.softmaxInPlace(new double[] {5.0, 5.0, 5.0, 5.0})).isCloseTo(Math.log(4), within(1e-15));
    }

    @Test
    void argmaxShouldPickTheFirstOnTies() {
        assertThat(LinearScores.argmax(new double[] {1.0, 3.0, 3.0})).isEqualTo(1);
    }

    @Test
    void emptyTextShouldBeDecidedByTheClassPriors() {
        Classification c = WeightFileFixture.classifier().classify("");
        assertThat(c.probabilities()).containsExactly(new double[] {0.4, 0.3, 0.3}, within(1e-15));
        assertThat(c.label()).isEqualTo("code");
    }

    @Test
    void scoresShouldBeTheDotProductPlusOffset() {
        Classification c = WeightFileFixture.classifier().classify("poem poem verse");
        double poetry = 2 * -1.0 + -0.9 + Math.log(0.3);
        double code = 2 * -3.0 + -3.0 + Math.log(0.4);
        double fruit = 2 * -3.0 + -3.0 + Math.log(0.3);
        double max = poetry;
        double z = Math.exp(code - max) + Math.exp(fruit - max) + 1.0;
        assertThat(c.label()).isEqualTo("poetry");
        assertThat(c.probabilities()[2]).isCloseTo(1 / z, within(1e-15));
        assertThat(c.entropy()).isPositive().isLessThan(Math.log(3));
    }

    @Test
    void shouldRefuseRaggedWeights() {
        assertThatThrownBy(() -> new LinearScores(new double[][] {{1, 2}, {3}}, new double[] {0, 0}))
                .hasMessageContaining("expected 2 x 2 weights, found a row 1 of length 1");
    }

    @Test
    void classifierShouldBeSafeToShareAcrossThreads() throws Exception {
        TextClassifier classifier = WeightFileFixture.classifier();
        Classification expected = classifier.classify("java function and a poem");
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                boolean same = true;
                for (int i = 0; i < 2000; i++) {
                    same &= classifier.classify("java function and a poem").equals(expected);
                    classifier.classify("banana " + i);
                }
                ok[id] = same;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ok).containsOnly(true);
    }

    /** Weights with {@code distinct} possible values per class (log-probability-like), some of them negative zero. */
    private static double[][] weights(Random random, int classes, int features, int distinct) {
        double[][] w = new double[classes][features];
        for (int c = 0; c < classes; c++) {
            double[] values = new double[distinct];
            for (int v = 0; v < distinct; v++) {
                values[v] = v == 0 ? -0.0 : Math.log((v + 0.5) / (distinct + 3.0 + c));
            }
            for (int j = 0; j < features; j++) {
                w[c][j] = values[random.nextInt(distinct)];
            }
        }
        return w;
    }

    @Test
    void everyLayoutShouldGiveTheDenseScoresBitForBit() {
        Random random = new Random(13);
        int features = 3000;
        String[] terms = new String[features];
        for (int j = 0; j < features; j++) {
            terms[j] = "f" + j;
        }
        TextVectorizer vectorizer = TextVectorizer.count(new WordTokenizer(), TermIndex.of(terms), null, 1, 1, false);
        SparseFeatures x = new SparseFeatures();
        for (int classes : new int[] {1, 3, 16}) {
            for (int distinct : new int[] {1, 200, 256, 257, 1500, 3000}) {
                double[][] w = weights(random, classes, features, distinct);
                double[] offsets = new double[classes];
                for (int c = 0; c < classes; c++) {
                    offsets[c] = Math.log((c + 1.0) / (classes + 1.0));
                }
                LinearScores dense = new LinearScores(w, offsets, LinearScores.Layout.DENSE);
                LinearScores bytes = new LinearScores(w, offsets, LinearScores.Layout.BYTE_CODES);
                LinearScores chars = new LinearScores(w, offsets, LinearScores.Layout.CHAR_CODES);
                LinearScores chosen = new LinearScores(w, offsets);
                int most = 0;
                for (double[] column : w) {
                    most = Math.max(most, (int) java.util.Arrays.stream(column).mapToLong(Double::doubleToRawLongBits)
                            .distinct().count());
                }
                assertThat(dense.layout()).isEqualTo(LinearScores.Layout.DENSE);
                // Value tables of at most 256 KB: 32,768 doubles over all classes.
                assertThat(bytes.layout()).isEqualTo(most <= 256 ? LinearScores.Layout.BYTE_CODES
                        : LinearScores.Layout.DENSE);
                assertThat(chars.layout()).isEqualTo(most <= 256 ? LinearScores.Layout.BYTE_CODES
                        : most <= 32_768 / classes ? LinearScores.Layout.CHAR_CODES : LinearScores.Layout.DENSE);
                for (int j = 0; j < features; j += 7) {
                    for (int c = 0; c < classes; c++) {
                        long want = Double.doubleToRawLongBits(w[c][j]);
                        assertThat(Double.doubleToRawLongBits(bytes.weight(j, c))).isEqualTo(want);
                        assertThat(Double.doubleToRawLongBits(chars.weight(j, c))).isEqualTo(want);
                        assertThat(Double.doubleToRawLongBits(chosen.weight(j, c))).isEqualTo(want);
                    }
                }
                for (int round = 0; round < 20; round++) {
                    StringBuilder text = new StringBuilder();
                    for (int i = random.nextInt(400); i > 0; i--) {
                        text.append('f').append(random.nextInt(features)).append(' ');
                    }
                    vectorizer.transform(text, x);
                    double[] want = new double[classes];
                    dense.scores(x, want);
                    for (LinearScores other : new LinearScores[] {bytes, chars, chosen}) {
                        double[] got = new double[classes];
                        other.scores(x, got);
                        assertThat(got).as("%d classes, %d values, %s", classes, distinct, other.layout())
                                .containsExactly(want);
                    }
                }
            }
        }
    }
}
