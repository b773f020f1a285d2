package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanditPriorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void shouldReadPriorsPerClassWithGlobalAndDefaultFallbacks() throws Exception {
        BanditPriors priors = BanditPriors.fromJson(json("{'defaultPrior': {'alpha': 2, 'beta': 2},"
                + " 'priors': {'*': {'x': {'alpha': 3, 'beta': 7}}, 'code': {'x': {'alpha': 9, 'beta': 1}}},"
                + " 'source': {'rewards': 10}}"));

        assertThat(priors.prior("code", "x", ArmPrior.UNIFORM)).isEqualTo(new ArmPrior(9, 1));
        assertThat(priors.prior("chat", "x", ArmPrior.UNIFORM)).isEqualTo(new ArmPrior(3, 7));
        assertThat(priors.prior("chat", "y", ArmPrior.UNIFORM)).isEqualTo(new ArmPrior(2, 2));
        assertThat(BanditPriors.fromJson(json("{}")).prior("a", "b", ArmPrior.UNIFORM)).isEqualTo(ArmPrior.UNIFORM);
    }

    @Test
    void shouldRoundTripThroughJson() throws Exception {
        BanditPriors priors = BanditPriors.fromJson(json("{'priors': {'code': {'x': {'alpha': 9.5, 'beta': 1.25}}}}"));

        assertThat(BanditPriors.fromJson(priors.toJson())).isEqualTo(priors);
    }

    @Test
    void shouldRefuseBadSectionsNamingThePath() throws Exception {
        assertThatThrownBy(() -> BanditPriors.fromJson(json("[]")))
                .hasMessage("bandit: expected an object, found array");
        assertThatThrownBy(() -> BanditPriors.fromJson(json("{'priors': {'code': {'x': {'alpha': -1, 'beta': 1}}}}")))
                .hasMessage("bandit.priors.code.x.alpha: expected a number > 0, found -1");
        assertThatThrownBy(() -> BanditPriors.fromJson(json("{'priors': {'code': {'x': {'alpha': '3', 'beta': 1}}}}")))
                .hasMessage("bandit.priors.code.x.alpha: expected a number > 0, found string \"3\"");
        assertThatThrownBy(() -> BanditPriors.fromJson(json("{'priors': {'code': {'x': {'alpah': 3, 'beta': 1}}}}")))
                .hasMessage("bandit.priors.code.x.alpah: unknown member; expected alpha and beta");
        assertThatThrownBy(() -> BanditPriors.fromJson(json("{'priors': {'code': {'x': {'beta': 1}}}}")))
                .hasMessage("bandit.priors.code.x.alpha: expected a number > 0, found nothing");
        assertThatThrownBy(() -> BanditPriors.fromJson(json("{'priors': {'code': 5}}")))
                .hasMessage("bandit.priors.code: expected an object, found number 5");
    }

    @Test
    void shouldCompileARewardLogIntoCappedPriors() throws Exception {
        List<PriorsCompiler.RewardRecord> log = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            log.add(new PriorsCompiler.RewardRecord("code", "x", i % 4 == 0 ? 0 : 1)); // mean 0.75
        }
        log.add(new PriorsCompiler.RewardRecord("code", "y", 1));
        log.add(new PriorsCompiler.RewardRecord("chat", "y", 0.5));
        log.add(new PriorsCompiler.RewardRecord("chat", "y", Double.NaN));

        PriorsCompiler.Result result = new PriorsCompiler(ArmPrior.UNIFORM, 50, 2).compile(log);

        assertThat(result.used()).isEqualTo(202);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.skippedReasons()).containsExactly("record 202: expected a reward in [0, 1], found NaN");
        ArmPrior codeX = result.priors().priors().get("code").get("x");
        assertThat(codeX.alpha()).isCloseTo(1 + 50 * 0.75, within(1e-12));
        assertThat(codeX.beta()).isCloseTo(1 + 50 * 0.25, within(1e-12));
        // One reward is below minRewards: no class entry, but the arm's global entry has two.
        assertThat(result.priors().priors().get("code")).doesNotContainKey("y");
        assertThat(result.priors().priors().get("*").get("y")).isEqualTo(new ArmPrior(2.5, 1.5));
        JsonNode section = result.toJson(50);
        assertThat(BanditPriors.fromJson(section)).isEqualTo(result.priors());
        assertThat(section.path("source").path("rewards").asLong()).isEqualTo(202);
    }

    @Test
    void shouldReadARewardLogAndRefuseAMalformedLineByNumber() throws Exception {
        List<PriorsCompiler.RewardRecord> records = PriorsCompiler.readJsonLines(new StringReader(
                "{\"class\": \"code\", \"provider\": \"x\", \"reward\": 0.5}\n\n"));

        assertThat(records).containsExactly(new PriorsCompiler.RewardRecord("code", "x", 0.5));
        assertThatThrownBy(() -> PriorsCompiler.readJsonLines(new StringReader(
                "{\"class\": \"code\", \"provider\": \"x\", \"reward\": 0.5}\n{\"class\": \"code\"}\n")))
                .hasMessageStartingWith("line 2: expected {\"class\": text, \"provider\": text, \"reward\": number}");
    }
}
