package io.kroute.inference.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.weights.WeightFileFixture;
import io.kroute.inference.text.WordTokenizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PromptFeaturesTest {
    private final PromptAnalyzer analyzer = new PromptAnalyzer(WeightFileFixture.classifier(), neutralModel());

    static AnomalyModel neutralModel() {
        FeatureBaseline[] b = new FeatureBaseline[PromptFeature.count()];
        for (int i = 0; i < b.length; i++) {
            b[i] = new FeatureBaseline(FeatureBaseline.Transform.NONE, FeatureBaseline.Direction.HIGH,
                    FeatureBaseline.Method.STANDARD, 0, 1, 0, 1, 0.01);
        }
        return new AnomalyModel(b, 1000);
    }

    private PromptFeatures f(String text) {
        return analyzer.features(text);
    }

    @Test
    void shouldCountCharactersAndTokens() {
        PromptFeatures x = f("Write a java function");
        assertThat(x.get(PromptFeature.CHAR_COUNT)).isEqualTo(21);
        assertThat(x.get(PromptFeature.TOKEN_COUNT)).isEqualTo(3);
        assertThat(x.get(PromptFeature.MEAN_TOKEN_LENGTH)).isCloseTo((5 + 4 + 8) / 3.0, within(1e-12));
    }

    @Test
    void shouldMeasureCharacterClassShares() {
        PromptFeatures x = f("AB12!? é");
        assertThat(x.get(PromptFeature.UPPER_SHARE)).isCloseTo(2 / 8.0, within(1e-12));
        assertThat(x.get(PromptFeature.DIGIT_SHARE)).isCloseTo(2 / 8.0, within(1e-12));
        assertThat(x.get(PromptFeature.SYMBOL_SHARE)).isCloseTo(2 / 8.0, within(1e-12));
        assertThat(x.get(PromptFeature.NON_ASCII_SHARE)).isCloseTo(1 / 8.0, within(1e-12));
        assertThat(x.get(PromptFeature.INVISIBLE_SHARE)).isZero();
    }

    @Test
    void shouldCountZeroWidthBidiAndControlCharactersAsInvisible() {
        PromptFeatures x = f("a\u200Bb\u202Ec\u0007d\te\n");
        // Zero-width space, right-to-left override and BEL are invisible; tab and newline are not.
        assertThat(x.get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(3 / 10.0, within(1e-12));
    }

    @Test
    void shouldFindTheLongestRunOfOneCharacter() {
        assertThat(f("hello!!!!!! world").get(PromptFeature.LONGEST_CHAR_RUN)).isEqualTo(6);
        assertThat(f("").get(PromptFeature.LONGEST_CHAR_RUN)).isZero();
    }

    @Test
    void shouldMeasureCharacterEntropyInBits() {
        assertThat(f("aaaa").get(PromptFeature.CHAR_ENTROPY)).isCloseTo(0.0, within(1e-12));
        assertThat(f("abab").get(PromptFeature.CHAR_ENTROPY)).isCloseTo(1.0, within(1e-12));
        assertThat(f("abcd").get(PromptFeature.CHAR_ENTROPY)).isCloseTo(2.0, within(1e-12));
        assertThat(f("éàéà").get(PromptFeature.CHAR_ENTROPY)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldMeasureTheShareOfTheMostRepeatedToken() {
        assertThat(f("spam spam spam eggs").get(PromptFeature.TOP_TOKEN_SHARE)).isCloseTo(0.75, within(1e-12));
        assertThat(f("Spam SPAM spam").get(PromptFeature.TOP_TOKEN_SHARE)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldFindEncodedLookingRuns() {
        assertThat(f("token: aGVsbG8gd29ybGQ9PQ== end").get(PromptFeature.LONGEST_ENCODED_RUN)).isEqualTo(20);
        assertThat(f("hash deadbeef0123456789 ok").get(PromptFeature.LONGEST_ENCODED_RUN)).isEqualTo(18);
        // Plain words, however long, are not encoded-looking below 40 characters.
        assertThat(f("internationalization").get(PromptFeature.LONGEST_ENCODED_RUN)).isZero();
    }

    @Test
    void shouldMeasureUnknownTokens() {
        assertThat(f("java code zzz qqq").get(PromptFeature.UNKNOWN_TOKEN_SHARE)).isCloseTo(0.5, within(1e-12));
        assertThat(f("").get(PromptFeature.UNKNOWN_TOKEN_SHARE)).isZero();
    }

    @Test
    void shouldSpotTokensMixingScripts() {
        // "pаypal" with a Cyrillic а, and "Москва" in pure Cyrillic; Japanese mixes kanji and kana legitimately.
        assertThat(f("pаypal Москва 東京タワー").get(PromptFeature.MIXED_SCRIPT_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void shouldNotMergeDifferentTokensThatShareAHash() {
        // "aa" and "bb" differ, yet "Aa"/"BB" style collisions must not merge: compare by characters.
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(new PromptAnalyzer(WeightFileFixture.classifier(), neutralModel()).features("Aa BB Aa")
                .get(PromptFeature.TOP_TOKEN_SHARE)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(new io.kroute.inference.text.WordTokenizer(false, 1000).tokens("Aa BB")).containsExactly("Aa", "BB");
    }

    @Test
    void shouldNotCountCjkTextWithEmbeddedLatinAsMixedScript() {
        assertThat(f("这段Rust代码为什么会报错").get(PromptFeature.MIXED_SCRIPT_SHARE)).isZero();
        assertThat(f("Привет wоrld").get(PromptFeature.MIXED_SCRIPT_SHARE)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldMeasureClassifierUncertainty() {
        assertThat(f("").get(PromptFeature.CLASS_UNCERTAINTY)).isBetween(0.9, 1.0);
        assertThat(f("java java java function code code").get(PromptFeature.CLASS_UNCERTAINTY)).isLessThan(0.2);
    }

    @Test
    void shouldCountTheWholeLengthButExamineOnlyTheCap() {
        String huge = "ab ".repeat(3_500_000);
        PromptFeatures x = f(huge);
        assertThat(x.get(PromptFeature.CHAR_COUNT)).isEqualTo(10_500_000);
        assertThat(x.get(PromptFeature.TOKEN_COUNT)).isLessThanOrEqualTo(100_000 / 3 + 1);
    }

    @Test
    void shouldComputeCharacterStatisticsWhenLowercasingNeedsContext() {
        // Σ takes the re-scan path; the statistics must still describe the original text.
        PromptFeatures x = f("ΟΔΟΣ ok");
        assertThat(x.get(PromptFeature.UPPER_SHARE)).isCloseTo(4 / 7.0, within(1e-12));
        assertThat(x.get(PromptFeature.TOKEN_COUNT)).isEqualTo(2);
    }

    @Test
    void everyFeatureShouldStayFiniteForAnyInput() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(400);
            for (int k = 0; k < length; k++) {
                s.append((char) random.nextInt(0x10000));
            }
            PromptFeatures x = f(s.toString());
            for (double v : x.toArray()) {
                assertThat(v).isFinite().isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    @Test
    void shouldCountKnownAndUnknownTokensTogetherForTheMostFrequentOne() {
        // "java" and "code" are in the vocabulary (counted by feature index), "zzz" and "Aa"/"BB" are not.
        assertThat(f("java zzz java zzz zzz code").get(PromptFeature.TOP_TOKEN_SHARE)).isCloseTo(0.5, within(1e-12));
        assertThat(f("java code java zzz code java").get(PromptFeature.TOP_TOKEN_SHARE)).isCloseTo(0.5, within(1e-12));
        SplittableRandom random = new SplittableRandom(7);
        String[] words = {"java", "code", "function", "python", "zzz", "qqq", "Aa", "BB", "straße", "Straße"};
        for (int t = 0; t < 300; t++) {
            StringBuilder text = new StringBuilder();
            // Every tenth text is a flood of a few words, past the 255 hits a feature's byte counter holds.
            boolean flood = t % 10 == 0;
            int distinct = flood ? random.nextInt(1, 4) : words.length;
            int offset = random.nextInt(words.length - distinct + 1);
            for (int k = flood ? random.nextInt(300, 1500) : random.nextInt(1, 80); k > 0; k--) {
                text.append(words[offset + random.nextInt(distinct)]).append(' ');
            }
            List<String> tokens = new WordTokenizer().tokens(text);
            Map<String, Integer> counts = new HashMap<>();
            tokens.forEach(token -> counts.merge(token, 1, Integer::sum));
            double expected = (double) Collections.max(counts.values()) / tokens.size();
            assertThat(f(text.toString()).get(PromptFeature.TOP_TOKEN_SHARE)).as(text.toString())
                    .isEqualTo(expected);
        }
    }
}
