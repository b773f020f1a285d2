package io.kroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    static final Path SCENARIOS = Path.of("..", "bench", "scenarios");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new KrouteCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void shouldPrintOneJsonSummaryWithCumulativeRegret() throws Exception {
        Run run = run("simulate", "--scenario", SCENARIOS.resolve("one-outage.json").toString(), "--policy", "ucb1",
                "--decisions", "3000", "--seed", "5");

        assertThat(run.status()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.path("scenario").asText()).isEqualTo("one-outage");
        assertThat(summary.path("cumulativeRegret").isNumber()).isTrue();
        assertThat(summary.path("allocation").path("code").path("atlas").path("decisions").asLong()).isPositive();
        assertThat(run(("simulate --scenario " + SCENARIOS.resolve("one-outage.json")
                + " --policy ucb1 --decisions 3000 --seed 5").split(" ")).out()).isEqualTo(run.out());
    }

    @Test
    void shouldRunTheRandomBenchmarkWithTheReferenceSetAndTheRequestedPolicy() throws Exception {
        Run run = run("simulate", "--random", "2", "--seed", "7", "--decisions", "2000", "--policy", "thompson-detect",
                "--threads", "2");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.path("firstSeed").asLong()).isEqualTo(7);
        assertThat(summary.path("lastSeed").asLong()).isEqualTo(8);
        assertThat(summary.path("referenceSet").toString()).contains("cusum-ucb").doesNotContain("thompson-detect");
        assertThat(summary.path("policies")).hasSize(1);
        assertThat(summary.path("policies").get(0).path("policy").asText()).isEqualTo("thompson-detect");
        assertThat(summary.path("policies").get(0).path("medianVsBest").isNumber()).isTrue();
    }

    @Test
    void shouldRefuseABadGeneratorNamingItsJsonPath() throws Exception {
        Path generator = dir.resolve("generator.json");
        Files.writeString(generator, "{\"successProbability\": [0.5, 1.2]}");

        Run run = run("simulate", "--random", "2", "--generator", generator.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("generator.successProbability[1]: expected a number in [0, 1], found 1.2");
        assertThat(run("simulate", "--decisions", "10").err())
                .contains("expected one of --scenario FILE.json or --random N, found neither");
    }

    @Test
    void shouldRunEveryPolicyOnTheSameSeedWithAll() throws Exception {
        Run run = run("simulate", "--scenario", SCENARIOS.resolve("stationary.json").toString(), "--policy", "all",
                "--decisions", "500", "--format", "table");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("| stationary | thompson |").contains("| stationary | uniform | ")
                .contains("| 1.000 |");
    }

    @Test
    void shouldRefuseABadScenarioWithItsReasonAndStatusTwo() throws Exception {
        Path bad = dir.resolve("bad.json");
        String text = Files.readString(SCENARIOS.resolve("stationary.json")).replace("\"atlas\": 0.97", "\"atlas\": 1.97");
        Files.writeString(bad, text);

        Run run = run("simulate", "--scenario", bad.toString(), "--policy", "thompson");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("scenario.successProbability.code.atlas: expected a probability in [0, 1], found 1.97");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownPolicy() {
        Run run = run("simulate", "--scenario", SCENARIOS.resolve("stationary.json").toString(), "--policy", "greedy");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("policy: expected one of [thompson-detect, cusum-ucb, thompson,").contains("found 'greedy'");
    }

    @Test
    void shouldEstimateACandidatePolicyAndShowItsTrueValue() throws Exception {
        Run run = run("simulate", "--scenario", SCENARIOS.resolve("stationary.json").toString(), "--policy",
                "epsilon-greedy", "--decisions", "20000", "--seed", "3", "--evaluate",
                SCENARIOS.resolve("candidates").resolve("stationary-fixed.json").toString());

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode ope = new ObjectMapper().readTree(run.out()).path("offPolicyEvaluation");
        double truth = ope.path("trueValue").asDouble();
        JsonNode dr = ope.path("doublyRobust");
        assertThat(dr.path("lower").asDouble()).isLessThanOrEqualTo(truth);
        assertThat(dr.path("upper").asDouble()).isGreaterThanOrEqualTo(truth);
    }
}
