package io.kroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RuntimeOptionsTest {

    @Test
    void shouldOfferAFlagForEverySetting() {
        CommandLine run = new CommandLine(new KrouteCommand()).getSubcommands().get("run");
        for (Setting<?> setting : Setting.values()) {
            assertThat(run.getCommandSpec().findOption(setting.flag())).as(setting.flag()).isNotNull();
        }
    }

    @Test
    void shouldLetFlagsOverrideTheEnvironmentAndACommandsDefaults() {
        RuntimeOptions options = new RuntimeOptions();
        new CommandLine(options).parseArgs("--http-port", "9001", "--half-life", "90s", "--no-create-topics",
                "--providers", "a,b", "--bootstrap-servers", "k:9092");
        RuntimeConfig config = options.resolve(Map.of("KROUTE_HTTP_PORT", "9000", "KROUTE_POLICY", "ucb1"),
                Map.of("kroute.half.life", "20s", "kroute.reward.window", "10s"));
        assertThat(config.httpPort()).isEqualTo(9001);
        assertThat(config.get(Setting.HALF_LIFE)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.get(Setting.REWARD_WINDOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.createTopics()).isFalse();
        assertThat(config.bootstrapServers()).contains("k:9092");
        var topology = config.topologyConfig("k:9092", "http://registry:8081");
        assertThat(topology.providers()).containsExactly("a", "b");
        assertThat(topology.policy()).isEqualTo("ucb1");
        assertThat(topology.halfLife()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void shouldOfferTheSameFlagsOnEveryCommandThatRunsKroute() {
        CommandLine kroute = new CommandLine(new KrouteCommand());
        CommandLine publish = kroute.getSubcommands().get("weights").getSubcommands().get("publish");
        for (CommandLine command : List.of(kroute.getSubcommands().get("demo"), publish)) {
            for (Setting<?> setting : Setting.values()) {
                assertThat(command.getCommandSpec().findOption(setting.flag())).as(setting.flag()).isNotNull();
            }
        }
    }

    @Test
    void shouldShowEachFlagsDefaultInTheUsage() {
        String usage = new CommandLine(new KrouteCommand()).getSubcommands().get("run").getUsageMessage()
                .replaceAll("\\s+", " ");
        assertThat(usage).contains("--http-port=PORT").contains("(default: 8080)")
                .contains("--half-life=DURATION").contains("(default: 1h)")
                .contains("--prompt-format=avro|json").contains("--no-create-topics");
    }

    @Test
    void shouldLeaveUnsetFlagsToTheEnvironmentAndTheFile() {
        RuntimeOptions options = new RuntimeOptions();
        new CommandLine(options).parseArgs("--seed", "7");
        RuntimeConfig config = options.resolve(Map.of("KROUTE_HTTP_PORT", "9000"));
        assertThat(config.get(Setting.SEED)).isEqualTo(7L);
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.createTopics()).isTrue();
    }

    @Test
    void shouldRejectAnUnknownPolicyNamingTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> RuntimeConfig.resolve(null, Map.of("KROUTE_POLICY", "greedy"), Map.of()))
                .hasMessageStartingWith("kroute.policy (environment variable KROUTE_POLICY): expected one of thompson-detect, cusum-ucb, thompson,")
                .hasMessageEndingWith("found 'greedy'");
    }
}
