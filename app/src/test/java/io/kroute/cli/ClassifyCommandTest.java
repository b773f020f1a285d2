package io.kroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.weights.WeightFileFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldAnswerEveryLineInOrderAndReportBadLinesInPlace() throws Exception {
        String input = String.join("\n",
                "{\"text\": \"write a java function\"}",
                "{\"text\": 42}",
                "not json at all",
                "",
                "{\"prompt\": \"no text member\"}",
                "{\"text\": \"apple banana\"} trailing",
                "{\"text\": \"\\ud800 lone surrogate and a poem\"}",
                "[1, 2]") + "\n";
        List<JsonNode> lines = run(input);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0).get("label").asText()).isEqualTo("code");
        assertThat(lines.get(0).get("probabilities").size()).isEqualTo(3);
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(1).get("error").asText()).contains("expected \"text\" to be a string, found NUMBER");
        assertThat(lines.get(2).get("error").asText()).contains("invalid JSON");
        assertThat(lines.get(3).get("error").asText()).contains("found an empty line");
        assertThat(lines.get(4).get("error").asText()).contains("expected a \"text\" member");
        assertThat(lines.get(5).get("error").asText()).contains("invalid JSON");
        assertThat(lines.get(6).get("label").asText()).isEqualTo("poetry");
        assertThat(lines.get(7).get("error").asText()).contains("found ARRAY");
    }

    @Test
    void probabilitiesShouldSumToOne() throws Exception {
        JsonNode result = run("{\"text\": \"banana poem\"}\n").get(0);
        double sum = 0;
        for (JsonNode p : result.get("probabilities")) {
            sum += p.asDouble();
        }
        assertThat(sum).isBetween(1 - 1e-12, 1 + 1e-12);
    }

    private static List<JsonNode> run(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClassifyCommand.run(WeightFileFixture.classifier(),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        return java.util.Arrays.stream(lines).map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    @Test
    void shouldWriteTheAnomalyVerdictAndFeaturesWhenTheWeightsCarryBaselines() throws Exception {
        var analyzer = io.kroute.inference.weights.WeightFileReader.read(WeightFileFixture.validBytes()).analyzer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClassifyCommand.run(analyzer.classifier(), analyzer, true,
                new ByteArrayInputStream("{\"text\": \"java code\"}\n".getBytes(StandardCharsets.UTF_8)), out);
        JsonNode line = MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.get("anomaly").get("score").isNumber()).isTrue();
        assertThat(line.get("anomaly").get("flagged").asBoolean()).isFalse();
        assertThat(line.get("anomaly").get("feature").isTextual()).isTrue();
        assertThat(line.get("anomaly").get("baseline").asText()).isEqualTo("global");
        assertThat(line.get("features").get("meanTokenLength").asDouble()).isEqualTo(4.0);
    }
}
