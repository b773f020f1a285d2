package io.kroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.Setting;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RuntimeOptionsTest {

    @Test
    void shouldOfferAFlagForEverySetting() {
        CommandLine run = new CommandLine(new KrouteCommand()).getSubcommands().get("run");
        for (Setting setting : Setting.values()) {
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
        assertThat(config.duration(Setting.HALF_LIFE)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.duration(Setting.REWARD_WINDOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.createTopics()).isFalse();
        assertThat(config.bootstrapServers()).contains("k:9092");
        var topology = config.topologyConfig("k:9092", "http://registry:8081");
        assertThat(topology.providers()).containsExactly("a", "b");
        assertThat(topology.policy()).isEqualTo("ucb1");
        assertThat(topology.halfLife()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void shouldRejectAnUnknownPolicyNamingTheKnownOnes() {
        RuntimeConfig config = RuntimeConfig.resolve(null, Map.of("KROUTE_POLICY", "greedy"), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.topologyConfig("k:9092", "mock://x"))
                .hasMessageStartingWith("kroute.policy must be one of thompson,")
                .hasMessageEndingWith("found 'greedy'");
    }
}
