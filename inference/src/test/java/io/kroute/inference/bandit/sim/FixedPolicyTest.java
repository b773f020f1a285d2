package io.kroute.inference.bandit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FixedPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReadADistributionPerClass() throws Exception {
        Scenario scenario = Scenario.parse(ScenarioTest.minimal());

        FixedPolicy policy = FixedPolicy.parse(JSON.readTree("{\"code\": {\"x\": 0.25, \"y\": 0.75}}"), scenario);

        assertThat(policy.asTarget().distribution("code")).containsEntry("x", 0.25).containsEntry("y", 0.75);
    }

    @Test
    void shouldRefuseMissingClassesUnknownProvidersAndBadSums() throws Exception {
        Scenario scenario = Scenario.parse(ScenarioTest.minimal());

        assertThatThrownBy(() -> FixedPolicy.parse(JSON.readTree("{}"), scenario))
                .hasMessage("policy.code: expected provider probabilities for class 'code', found nothing");
        assertThatThrownBy(() -> FixedPolicy.parse(JSON.readTree("{\"code\": {\"z\": 1}}"), scenario))
                .hasMessage("policy.code.z: unknown provider; expected one of [x, y]");
        assertThatThrownBy(() -> FixedPolicy.parse(JSON.readTree("{\"code\": {\"x\": 0.5}}"), scenario))
                .hasMessage("policy.code: expected probabilities summing to 1, found 0.5");
        assertThatThrownBy(() -> FixedPolicy.parse(JSON.readTree("{\"code\": {\"x\": 1}, \"poetry\": {}}"), scenario))
                .hasMessage("policy.poetry: unknown class; expected one of [code]");
    }
}
