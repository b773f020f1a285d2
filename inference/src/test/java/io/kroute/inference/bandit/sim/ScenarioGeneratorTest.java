package io.kroute.inference.bandit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldDrawTheSameScenarioForTheSameSeed() {
        ScenarioGenerator generator = new ScenarioGenerator(GeneratorSpec.DEFAULT);

        assertThat(generator.generate(42, 100_000)).isEqualTo(generator.generate(42, 100_000));
        assertThat(generator.generate(42, 100_000)).isNotEqualTo(generator.generate(43, 100_000));
    }

    @Test
    void shouldStayWithinTheDocumentedRanges() {
        ScenarioGenerator generator = new ScenarioGenerator(GeneratorSpec.DEFAULT);
        boolean sawChange = false;
        boolean sawDelay = false;
        for (long seed = 1; seed <= 200; seed++) {
            Scenario s = generator.generate(seed, 100_000);
            assertThat(s.providers()).hasSizeBetween(2, 16);
            assertThat(s.classes()).hasSizeBetween(1, 8);
            assertThat(s.rewardDelay()).isBetween(0, 3_000);
            s.successProbability().values().forEach(byProvider -> assertThat(byProvider.values())
                    .allSatisfy(p -> assertThat(p).isBetween(0.3, 0.99)));
            for (Scenario.Change change : s.changes()) {
                assertThat(change.successProbability()).isBetween(0.0, ScenarioGenerator.CEILING);
                assertThat(change.at()).isBetween(5_000L, 95_000L + 10_000L);
            }
            sawChange |= !s.changes().isEmpty();
            sawDelay |= s.rewardDelay() > 1_000;
            // Every drawn scenario is one the scenario reader would accept: no overlapping changes.
            assertThat(Scenario.parse(JSON.valueToTree(s)).changes()).isEqualTo(s.changes());
        }
        assertThat(sawChange).isTrue();
        assertThat(sawDelay).isTrue();
    }

    @Test
    void shouldMakeTheWorstProviderTheBestWithTheDrawnGap() {
        GeneratorSpec spec = GeneratorSpec.parse(JSON.createObjectNode().put("outageProbability", 0)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("drifts", JSON.createArrayNode().add(0).add(0))
                .set("changeGap", JSON.createArrayNode().add(0.3).add(0.3)));
        int newBest = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Scenario s = new ScenarioGenerator(spec).generate(seed, 10_000);
            LeaderSchedule leaders = new Simulator(s).leaders(10_000);
            for (int c = 0; c < s.classes().size(); c++) {
                newBest += leaders.periods(c).size();
            }
        }
        assertThat(newBest).isPositive();
    }

    @Test
    void shouldNameTheJsonPathOfAnImpossibleValue() throws Exception {
        assertThatThrownBy(() -> GeneratorSpec.parse(JSON.readTree("{\"successProbability\": [0.2, 1.5]}")))
                .hasMessage("generator.successProbability[1]: expected a number in [0, 1], found 1.5");
        assertThatThrownBy(() -> GeneratorSpec.parse(JSON.readTree("{\"rewardDelay\": [-5, 10]}")))
                .hasMessage("generator.rewardDelay[0]: expected an integer in [0, 1000000], found -5");
        assertThatThrownBy(() -> GeneratorSpec.parse(JSON.readTree("{\"providers\": [0, 3]}")))
                .hasMessage("generator.providers[0]: expected an integer in [2, 256], found 0");
        assertThatThrownBy(() -> GeneratorSpec.parse(JSON.readTree("{\"classes\": [4, 2]}")))
                .hasMessage("generator.classes: expected min <= max, found [4,2]");
        assertThatThrownBy(() -> GeneratorSpec.parse(JSON.readTree("{\"outageProbability\": 2}")))
                .hasMessage("generator.outageProbability: expected a probability in [0, 1], found 2");
        assertThatThrownBy(() -> GeneratorSpec.parse(JSON.readTree("{\"arms\": [2, 3]}")))
                .hasMessageStartingWith("generator.arms: unknown field; expected one of");
    }
}
