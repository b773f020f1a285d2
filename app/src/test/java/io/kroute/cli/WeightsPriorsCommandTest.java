package io.kroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.bandit.ArmPrior;
import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsPriorsCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAValidCopyOfTheWeightFileWithPriorsCompiledFromTheLog() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<String> log = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < 80; i++) {
            double reward = random.nextDouble();
            sum += reward;
            log.add(String.format(Locale.ROOT, "{\"class\": \"code\", \"provider\": \"alpha\", \"reward\": %.17g}",
                    reward));
        }
        log.add("{\"class\": \"code\", \"provider\": \"alpha\", \"reward\": 1.5}");
        Path rewards = Files.write(dir.resolve("rewards.jsonl"), log);
        Path out = dir.resolve("with-priors.json");

        WeightsCommandTest.Run run = WeightsCommandTest.run("weights", "priors", WeightsCommandTest.SHIPPED.toString(), "--rewards", rewards.toString(),
                "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("priors from 80 rewards (1 skipped)").contains("valid");
        WeightFile written = WeightFileReader.read(out);
        WeightFile shipped = WeightFileReader.read(WeightsCommandTest.SHIPPED);
        assertThat(written.modelVersion()).isEqualTo(shipped.modelVersion());
        assertThat(written.classifier().classes()).isEqualTo(shipped.classifier().classes());
        BanditPriors priors = BanditPriors.fromJson(written.section("bandit").orElseThrow());
        double mean = sum / 80;
        ArmPrior code = priors.prior("code", "alpha", ArmPrior.UNIFORM);
        // 80 rewards, capped at 50 pseudo-counts on top of the uniform prior.
        assertThat(code.alpha()).isCloseTo(1 + 50 * mean, within(1e-9));
        assertThat(code.beta()).isCloseTo(1 + 50 * (1 - mean), within(1e-9));
        assertThat(priors.prior("math", "alpha", ArmPrior.UNIFORM)).isEqualTo(code); // the "*" entry
    }

    @Test
    void shouldRefuseALogLineThatIsNotARewardWithStatusTwo() throws Exception {
        Path rewards = Files.write(dir.resolve("rewards.jsonl"), List.of("{\"class\": \"code\"}"));
        Path out = dir.resolve("out.json");

        WeightsCommandTest.Run run = WeightsCommandTest.run("weights", "priors", WeightsCommandTest.SHIPPED.toString(), "--rewards", rewards.toString(),
                "--out", out.toString());

        assertThat(run.status()).isEqualTo(WeightsPriorsCommand.BAD_INPUT);
        assertThat(run.err()).contains("line 1: expected {\"class\": text, \"provider\": text, \"reward\": number}");
        assertThat(out).doesNotExist();
    }
}
