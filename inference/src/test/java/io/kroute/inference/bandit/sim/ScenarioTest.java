package io.kroute.inference.bandit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    static final Path SHIPPED = Path.of("..", "bench", "scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode minimal() throws IOException {
        return (ObjectNode) JSON.readTree(("{'name': 't',"
                + " 'providers': [{'name': 'x', 'costPerCall': 0.001, 'latencyMedianMs': 500, 'latencySigma': 0.3, 'quality': 0.8},"
                + "               {'name': 'y', 'costPerCall': 0.002, 'latencyMedianMs': 800, 'latencySigma': 0.3, 'quality': 0.9}],"
                + " 'classes': [{'name': 'code', 'share': 1}],"
                + " 'successProbability': {'code': {'x': 0.9, 'y': 0.8}},"
                + " 'changes': [{'at': 100, 'provider': 'x', 'successProbability': 0.1}]}").replace('\'', '"'));
    }

    @Test
    void shouldReadAnEmptyChangesArrayAsAStationaryScenario() throws IOException {
        ObjectNode stationary = minimal();
        stationary.putArray("changes");

        assertThat(Scenario.parse(stationary).changes()).isEmpty();
    }

    @Test
    void shouldNameTheJsonPathOfImpossibleValues() throws IOException {
        ObjectNode negativeDelay = minimal().put("rewardDelay", -3);
        assertThatThrownBy(() -> Scenario.parse(negativeDelay))
                .hasMessage("scenario.rewardDelay: expected an integer in [0, 1000000], found -3");
        ObjectNode noProviders = minimal();
        noProviders.putArray("providers");
        assertThatThrownBy(() -> Scenario.parse(noProviders))
                .hasMessage("scenario.providers: expected a non-empty array, found array");
        ObjectNode probability = minimal();
        ((ObjectNode) probability.get("successProbability").get("code")).put("y", 1.2);
        assertThatThrownBy(() -> Scenario.parse(probability))
                .hasMessage("scenario.successProbability.code.y: expected a probability in [0, 1], found 1.2");
    }

    @Test
    void shouldParseEveryShippedScenario() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SHIPPED)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "stationary.json", "one-outage.json", "slow-drift.json", "eight-by-eight.json", "delayed-rewards.json");
        for (Path file : files) {
            assertThat(Scenario.read(file).providers()).isNotEmpty();
        }
        Scenario grid = Scenario.read(SHIPPED.resolve("eight-by-eight.json"));
        assertThat(grid.providers()).hasSize(8);
        assertThat(grid.classes()).hasSize(8);
        assertThat(Scenario.read(SHIPPED.resolve("delayed-rewards.json")).rewardDelay()).isPositive();
    }

    @Test
    void shouldRefuseAProbabilityOutsideTheUnitInterval() throws IOException {
        ObjectNode s = minimal();
        ((ObjectNode) s.get("successProbability").get("code")).put("y", 1.3);

        assertThatThrownBy(() -> Scenario.parse(s))
                .hasMessage("scenario.successProbability.code.y: expected a probability in [0, 1], found 1.3");
    }

    @Test
    void shouldRefuseUnknownProviders() throws IOException {
        ObjectNode s = minimal();
        ((ObjectNode) s.get("successProbability").get("code")).put("zeta", 0.5);
        assertThatThrownBy(() -> Scenario.parse(s))
                .hasMessage("scenario.successProbability.code.zeta: unknown provider 'zeta'; expected one of [x, y]");

        ObjectNode t = minimal();
        ((ObjectNode) t.get("changes").get(0)).put("provider", "zeta");
        assertThatThrownBy(() -> Scenario.parse(t))
                .hasMessage("scenario.changes[0].provider: unknown provider 'zeta'; expected one of [x, y]");
    }

    @Test
    void shouldRefuseAMissingProbability() throws IOException {
        ObjectNode s = minimal();
        ((ObjectNode) s.get("successProbability").get("code")).remove("y");

        assertThatThrownBy(() -> Scenario.parse(s))
                .hasMessage("scenario.successProbability.code.y: expected a probability in [0, 1], found nothing");
    }

    @Test
    void shouldRefuseBadChangePoints() throws IOException {
        ObjectNode negative = minimal();
        ((ObjectNode) negative.get("changes").get(0)).put("at", -5);
        assertThatThrownBy(() -> Scenario.parse(negative))
                .hasMessageStartingWith("scenario.changes[0].at: expected an integer in [0, ");

        ObjectNode fractional = minimal();
        ((ObjectNode) fractional.get("changes").get(0)).put("at", 10.5);
        assertThatThrownBy(() -> Scenario.parse(fractional))
                .hasMessageStartingWith("scenario.changes[0].at: expected an integer");

        ObjectNode overlapping = minimal();
        ((ObjectNode) overlapping.get("changes").get(0)).put("rampDecisions", 50);
        ((ArrayNode) overlapping.get("changes")).addObject().put("at", 120).put("provider", "x")
                .put("successProbability", 0.9);
        assertThatThrownBy(() -> Scenario.parse(overlapping)).hasMessage("scenario.changes[1]: expected changes of"
                + " provider 'x' in class 'code' not to overlap, found decisions [120, 121) overlapping changes[0] at"
                + " [100, 150)");

        ObjectNode unknownClass = minimal();
        ((ObjectNode) unknownClass.get("changes").get(0)).putArray("classes").add("poetry");
        assertThatThrownBy(() -> Scenario.parse(unknownClass))
                .hasMessage("scenario.changes[0].classes[0]: expected one of [code], found \"poetry\"");
    }

    @Test
    void shouldRefuseMissingOrDuplicateParts() throws IOException {
        ObjectNode noProviders = minimal();
        noProviders.putArray("providers");
        assertThatThrownBy(() -> Scenario.parse(noProviders))
                .hasMessage("scenario.providers: expected a non-empty array, found array");

        ObjectNode duplicate = minimal();
        ((ObjectNode) duplicate.get("providers").get(1)).put("name", "x");
        assertThatThrownBy(() -> Scenario.parse(duplicate))
                .hasMessage("scenario.providers[1].name: expected a unique provider name, found 'x' again");

        JsonNode notAnObject = JSON.readTree("42");
        assertThatThrownBy(() -> Scenario.parse(notAnObject)).hasMessage("scenario: expected an object, found 42");
    }

    @Test
    void shouldRampSuccessProbabilityLinearlyBetweenChangePoints() throws IOException {
        ObjectNode s = minimal();
        ((ObjectNode) s.get("changes").get(0)).put("rampDecisions", 100);
        World world = new World(Scenario.parse(s));

        assertThat(world.successProbability(0, 0, 99)).isEqualTo(0.9);
        assertThat(world.successProbability(0, 0, 150)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(world.successProbability(0, 0, 200)).isEqualTo(0.1);
        assertThat(world.successProbability(0, 1, 150)).isEqualTo(0.8);
    }
}
