package io.kroute.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.weights.WeightFileFixture;
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
}
