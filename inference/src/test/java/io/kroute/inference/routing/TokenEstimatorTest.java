package io.kroute.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Token counts against the real tokenizers' counts in {@code tokens/token-counts.jsonl} (trainer/tokens: 18
 * languages in 13 scripts, counted by each family's own tokenizer): OpenAI's encodings must match exactly, the
 * calibrated estimates within the published error on the held-out half.
 */
class TokenEstimatorTest {

    private record Row(String language, boolean heldOut, String text, JsonNode tokens) {
    }

    private static List<Row> rows;
    private static TokenEstimator estimator;

    @BeforeAll
    static void load() throws IOException {
        rows = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TokenEstimatorTest.class.getResourceAsStream("/tokens/token-counts.jsonl")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode row = json.readTree(line);
                rows.add(new Row(row.get("language").asText(), row.get("split").asText().equals("held-out"),
                        row.get("text").asText(), row.get("tokens")));
            }
        }
        estimator = new TokenEstimator(EnumSet.allOf(TokenizerFamily.class));
    }

    @ParameterizedTest
    @EnumSource(value = TokenizerFamily.class, names = {"CL100K_BASE", "O200K_BASE"})
    void shouldCountOpenAiTokensExactlyInEveryScript(TokenizerFamily family) {
        for (Row row : rows) {
            assertThat(estimator.count(family, row.text)).as("%s: %s", row.language, row.text)
                    .isEqualTo(row.tokens.get(family.key()).asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TokenizerFamily.class, names = {"LLAMA3", "LLAMA2", "MISTRAL", "CLAUDE"})
    void shouldEstimateOtherFamiliesWithinTheirPublishedErrorOnHeldOutText(TokenizerFamily family) {
        List<Double> errors = new ArrayList<>();
        Set<String> languages = new HashSet<>();
        for (Row row : rows) {
            if (row.heldOut) {
                double truth = row.tokens.get(family.key()).asDouble();
                errors.add(Math.abs(estimator.count(family, row.text) - truth) / truth);
                languages.add(row.language);
            }
        }
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(languages).hasSizeGreaterThanOrEqualTo(17);
        assertThat(quantile(sorted, 0.5)).as("median |relative error|").isLessThanOrEqualTo(0.10);
        assertThat(quantile(sorted, 0.95)).as("p95 |relative error|").isLessThanOrEqualTo(0.25);
    }

    @Test
    void shouldNeverCountMoreThanTheUpperBound() {
        for (Row row : rows) {
            int bound = TokenEstimator.upperBound(TokenEstimator.utf8Length(row.text));
            assertThat(TokenEstimator.utf8Length(row.text)).isEqualTo(row.text.getBytes(StandardCharsets.UTF_8).length);
            assertThat(TokenEstimator.quickUpperBound(row.text.length())).isGreaterThanOrEqualTo(bound);
            for (TokenizerFamily family : TokenizerFamily.values()) {
                assertThat(estimator.count(family, row.text)).isLessThanOrEqualTo(bound);
                if (row.tokens.has(family.key())) {
                    assertThat(row.tokens.get(family.key()).asInt()).as("real %s count", family.key())
                            .isLessThanOrEqualTo(bound);
                }
            }
        }
    }

    @Test
    void shouldMeasureUtf8LengthOfSurrogatePairsAndTreatSpecialTokensAsText() {
        String text = "emoji \uD83D\uDE00 and <|endoftext|>";
        assertThat(TokenEstimator.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(estimator.count(TokenizerFamily.CL100K_BASE, text)).isGreaterThan(3);
        assertThat(estimator.count(TokenizerFamily.LLAMA3, "")).isZero();
    }

    @Test
    void shouldCountEachFamilyOncePerPromptAndStartOverOnReset() {
        PromptTokens tokens = new PromptTokens(estimator).reset("Summarise this report in three bullet points.");
        assertThat(tokens.countIfKnown(TokenizerFamily.CL100K_BASE)).isEqualTo(-1);
        int count = tokens.count(TokenizerFamily.CL100K_BASE);
        assertThat(tokens.countIfKnown(TokenizerFamily.CL100K_BASE)).isEqualTo(count);
        assertThat(tokens.surelyWithin(count)).isFalse();
        assertThat(tokens.surelyWithin(46 * 3 + 1)).isTrue();
        tokens.reset("x");
        assertThat(tokens.countIfKnown(TokenizerFamily.CL100K_BASE)).isEqualTo(-1);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

}
