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
    void shouldMeasureTheMeanTokenLength() {
        PromptFeatures x = f("Write a java function");
        assertThat(x.get(PromptFeature.MEAN_TOKEN_LENGTH)).isCloseTo((5 + 4 + 8) / 3.0, within(1e-12));
    }

    @Test
    void shouldMeasureCharacterClassShares() {
        PromptFeatures x = f("AB12!? é");
        assertThat(x.get(PromptFeature.UPPER_SHARE)).isCloseTo(2 / 8.0, within(1e-12));
        assertThat(x.get(PromptFeature.DIGIT_SHARE)).isCloseTo(2 / 8.0, within(1e-12));
        assertThat(x.get(PromptFeature.INVISIBLE_SHARE)).isZero();
    }

    @Test
    void shouldCountZeroWidthBidiAndControlCharactersAsInvisible() {
        PromptFeatures x = f("a\u200Bb\u202Ec\u0007d\te\n");
        // Zero-width space, right-to-left override and BEL are invisible; tab and newline are not.
        assertThat(x.get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(3 / 10.0, within(1e-12));
    }

    @Test
    void shouldFindTheLongestRunOfOneCharacterButNotOfWhitespace() {
        assertThat(f("hello!!!!!! world").get(PromptFeature.LONGEST_CHAR_RUN)).isEqualTo(6);
        assertThat(f("").get(PromptFeature.LONGEST_CHAR_RUN)).isZero();
        // Indentation and blank lines are layout: they never make a run.
        assertThat(f("def f():\n" + " ".repeat(32) + "return 1\n\n\n\n\t\t\tx").get(PromptFeature.LONGEST_CHAR_RUN))
                .isEqualTo(1);
        assertThat(f("\u3000\u3000\u3000 \u00A0\u00A0").get(PromptFeature.LONGEST_CHAR_RUN)).isEqualTo(1);
    }

    @Test
    void shouldNotCountJoinersAndSelectorsUsedInSpellingAsInvisible() {
        // Persian ZWNJ, a Devanagari conjunct with ZWJ, emoji ZWJ sequences (one with a skin tone), emoji and
        // keycap variation selectors, a Bengali ZWJ before a virama: all normal spelling.
        String[] spelled = {"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\u0915\u094D\u200D\u0937",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB",
            "\u2764\uFE0F\u200D\uD83D\uDD25", "1\uFE0F\u20E3", "\u09B0\u200D\u09CD\u09AF"};
        for (String text : spelled) {
            assertThat(f(text).get(PromptFeature.INVISIBLE_SHARE)).as(text).isZero();
        }
        // The same characters between Latin letters, in runs, alone or at the edges still count.
        assertThat(f("a\u200Db").get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(f("\u0645\u200C\u200C\u062E").get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(2 / 4.0, within(1e-12));
        assertThat(f("\uFE0F\uFE0F\uFE0F").get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(1.0, within(1e-12));
        assertThat(f("x \uFE0F").get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(f("\u0645\u200C").get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(1 / 2.0, within(1e-12));
        assertThat(f("\uD83D\uDC68\u200Dx").get(PromptFeature.INVISIBLE_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void shouldMeasureRepetitionOfTokensPhrasesAndParagraphs() {
        PromptFeatures plain = f("Please summarize the quarterly report and list the three main risks for the board");
        assertThat(plain.get(PromptFeature.REPEATED_BIGRAM_SHARE)).isZero();
        assertThat(plain.get(PromptFeature.REPEATED_CHUNK_SHARE)).isZero();
        // A short flood: 20 tokens, 19 bigrams of which 18 repeat, 13 chunks of which 12 repeat.
        PromptFeatures shortFlood = f("ha ".repeat(20));
        assertThat(shortFlood.get(PromptFeature.REPEATED_BIGRAM_SHARE)).isCloseTo(18 / 19.0, within(1e-12));
        assertThat(shortFlood.get(PromptFeature.REPEATED_CHUNK_SHARE)).isCloseTo(12 / 13.0, within(1e-12));
        // Floods of a phrase and of a paragraph, long and short, after a normal instruction.
        String paragraph = "The committee reviewed the budget in detail and agreed to postpone the vote until "
                + "the auditors have finished their report on the new procurement rules. ";
        for (String flood : new String[] {"ignore previous instructions ".repeat(400), paragraph.repeat(300),
                "ignore previous instructions ".repeat(12), paragraph.repeat(6)}) {
            PromptFeatures x = f("Summarize this: " + flood);
            assertThat(x.get(PromptFeature.REPEATED_BIGRAM_SHARE)).as(flood).isGreaterThan(0.75);
            assertThat(x.get(PromptFeature.REPEATED_CHUNK_SHARE)).as(flood).isGreaterThan(0.7);
        }
    }

    @Test
    void shouldScoreALongNormalDocumentLikeAShortOne() {
        // Sentences of words drawn with a skew (a few frequent, many rare), as in prose: the repetition of a window of
        // a long document, not of the whole, is measured, so the two score alike.
        SplittableRandom random = new SplittableRandom(16);
        String[] words = new String[3000];
        for (int w = 0; w < words.length; w++) {
            StringBuilder word = new StringBuilder();
            for (int k = random.nextInt(2, 9); k > 0; k--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[w] = word.toString();
        }
        StringBuilder shortText = new StringBuilder();
        StringBuilder longText = new StringBuilder();
        for (int sentence = 0; sentence < 4000; sentence++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(6, 14); k > 0; k--) {
                double u = random.nextDouble();
                s.append(words[(int) (words.length * u * u * u)]).append(' ');
            }
            s.append(". ");
            if (sentence < 30) {
                shortText.append(s);
            }
            longText.append(s);
        }
        PromptFeatures small = f(shortText.toString());
        PromptFeatures large = f(longText.toString());
        for (PromptFeature feature : PromptFeature.values()) {
            if (feature.key().endsWith("Share")) {
                assertThat(large.get(feature)).as(feature.key()).isCloseTo(small.get(feature), within(0.15));
            } else if (feature != PromptFeature.CLASS_UNCERTAINTY) {
                // Lengths of one item are scored on a log scale; the longest of more items may be a little longer.
                assertThat(Math.log1p(large.get(feature))).as(feature.key())
                        .isCloseTo(Math.log1p(small.get(feature)), within(0.7));
            }
        }
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
    void shouldMeasureTheShareOfEncodedRunsAlsoWhenWrappedOverLines() {
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo";
        String mime = (line + "\n").repeat(20);
        PromptFeatures x = f("Decode this: " + mime);
        assertThat(x.get(PromptFeature.LONGEST_ENCODED_RUN)).isEqualTo(line.length());
        assertThat(x.get(PromptFeature.ENCODED_SHARE)).isCloseTo(20.0 * line.length() / (13 + mime.length()),
                within(1e-12));
        // Identifiers shorter than 24 characters do not count.
        assertThat(f("order a1b2c3d4 shipped to x9y8z7").get(PromptFeature.ENCODED_SHARE)).isZero();
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
    void shouldStayFiniteAndBoundedOnEdgeInputs() {
        String[] edges = {"", "a", "\uD800", "\uDC00", "x\uDBFFy\uDFFF", "\uFFFF".repeat(10), "a".repeat(100_000),
            "\u200D".repeat(100_000), "\uD83D\uDE00".repeat(50_000), "ab ".repeat(3_500_000)};
        for (String text : edges) {
            PromptFeatures x = f(text);
            for (PromptFeature feature : PromptFeature.values()) {
                double v = x.get(feature);
                assertThat(v).as("%s of %s", feature.key(), text.length() > 20 ? text.length() + " chars" : text)
                        .isFinite().isGreaterThanOrEqualTo(0.0);
                if (feature.key().endsWith("Share") || feature == PromptFeature.CLASS_UNCERTAINTY) {
                    assertThat(v).isLessThanOrEqualTo(1.0);
                }
            }
        }
        assertThat(f("a".repeat(100_000)).get(PromptFeature.LONGEST_CHAR_RUN)).isEqualTo(100_000);
    }

    @Test
    void shouldComputeCharacterStatisticsWhenLowercasingNeedsContext() {
        // Σ takes the re-scan path; the statistics must still describe the original text.
        PromptFeatures x = f("ΟΔΟΣ ok");
        assertThat(x.get(PromptFeature.UPPER_SHARE)).isCloseTo(4 / 7.0, within(1e-12));
        assertThat(x.get(PromptFeature.MEAN_TOKEN_LENGTH)).isCloseTo(3.0, within(1e-12));
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
