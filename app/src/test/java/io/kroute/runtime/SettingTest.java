package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.inference.bandit.RewardFunction;
import io.kroute.topology.KrouteConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declarations themselves: names, defaults, and how a topology setting reaches KrouteConfig. */
class SettingTest {

    @Test
    void shouldDeclareEachPropertyFlagAndVariableOnce() {
        Set<String> names = new HashSet<>();
        for (Setting<?> setting : Setting.values()) {
            assertThat(names.add(setting.property())).as(setting.property()).isTrue();
            assertThat(names.add(setting.flag())).as(setting.flag()).isTrue();
            assertThat(names.add(setting.environmentVariable())).as(setting.environmentVariable()).isTrue();
            assertThat(setting.flag()).startsWith("--");
            assertThat(setting.description()).as(setting.property()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void shouldTakeEveryTopologyDefaultFromTheTopology() {
        KrouteConfig fromDefaults = RuntimeConfig.defaults().topologyConfig("localhost:9092", "mock://kroute");
        assertThat(fromDefaults).isEqualTo(KrouteConfig.builder().build());
        assertThat(Setting.HALF_LIFE.defaultValue()).isEqualTo("1h");
        assertThat(Setting.TENANT_HALF_LIFE.defaultValue()).isEqualTo("1d");
        assertThat(Setting.DEFAULT_REWARD.defaultValue()).isEqualTo("0");
        assertThat(Setting.REWARD_COST_SCALE.defaultValue()).isEqualTo("0.01");
        assertThat(Setting.PROVIDERS.defaultValue()).isEqualTo("openai,anthropic,mistral");
    }

    @Test
    void shouldParseEveryDefaultBackToItself() {
        for (Setting<?> setting : Setting.values()) {
            assertRoundTrip(setting);
        }
    }

    private static <T> void assertRoundTrip(Setting<T> setting) {
        T value = setting.type().parse(setting.defaultValue(), setting.property());
        assertThat(setting.type().format(value)).as(setting.property()).isEqualTo(setting.defaultValue());
    }

    @Test
    void shouldCarryEveryTopologySettingIntoKrouteConfig() {
        Map<String, String> flags = Map.ofEntries(Map.entry("application.id", "app"),
                Map.entry("kroute.prompts.format", "json"), Map.entry("kroute.providers", " x , y "),
                Map.entry("kroute.policy", "ucb1"), Map.entry("kroute.model.name", "m"),
                Map.entry("kroute.half.life", "PT2H"), Map.entry("kroute.reward.window", "90s"),
                Map.entry("kroute.default.reward", "none"), Map.entry("kroute.duplicate.rewards", "SUM"),
                Map.entry("kroute.reward.weight.success", "1"), Map.entry("kroute.reward.weight.quality", "2"),
                Map.entry("kroute.reward.weight.latency", "3"), Map.entry("kroute.reward.weight.cost", "4"),
                Map.entry("kroute.reward.latency.scale.ms", "5"), Map.entry("kroute.reward.cost.scale", "6"),
                Map.entry("kroute.min.class.evidence", "0.5"), Map.entry("kroute.anomaly.enabled", "false"),
                Map.entry("kroute.max.prompt.chars", "5000"),
                Map.entry("kroute.tenant.baselines", "true"), Map.entry("kroute.tenant.min.prompts", "7"),
                Map.entry("kroute.tenant.half.life", "3h"), Map.entry("kroute.arm.state.publish.interval", "0s"),
                Map.entry("kroute.seed", "-9"), Map.entry("kroute.output.reserve.tokens", "100"),
                Map.entry("kroute.max.cost.usd", "0.25"));
        KrouteConfig config = RuntimeConfig.resolve(null, Map.of(), flags).topologyConfig("k:1", "http://r:2");
        assertThat(config).isEqualTo(new KrouteConfig("app", "k:1", "http://r:2", KrouteConfig.PromptFormat.JSON,
                KrouteConfig.DecisionFormat.AVRO, "m",
                List.of("x", "y"), "ucb1", Duration.ofHours(2), 0.5, false, 5000, true, 7, Duration.ofHours(3),
                Duration.ofSeconds(90), OptionalDouble.empty(), KrouteConfig.DuplicateRewards.SUM,
                new RewardFunction.Weights(1, 2, 3, 4, 5, 6), Duration.ZERO, -9, null, OptionalLong.of(100),
                OptionalDouble.of(0.25)));
        assertThat(config.catalog().rules().outputReserveTokens()).isEqualTo(100);
        assertThat(config.catalog().rules().maxCostUsd()).isEqualTo(0.25);
    }

    @Test
    void shouldNameTheSettingAndItsSourceWhenTheTopologyRefusesAValue() {
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.providers", "a|b,c")))
                .isInstanceOf(RuntimeConfig.ConfigException.class)
                .hasMessage("kroute.providers (flag --providers): providers: expected names without '|' or surrounding "
                        + "spaces, found 'a|b'");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of("KROUTE_TENANT_MIN_PROMPTS", "1"), Map.of()))
                .hasMessageStartingWith("kroute.tenant.min.prompts (environment variable KROUTE_TENANT_MIN_PROMPTS): "
                        + "tenantMinPrompts: expected at least 2");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.half.life", "0s")))
                .hasMessage("kroute.half.life (flag --half-life): expected a positive duration such as 500ms, 30s, 10m, "
                        + "2h, 1d or PT1H, found '0s'");
    }

    @Test
    void shouldNameTheLastRewardWeightGivenWhenAllAreZero() {
        Map<String, String> zero = Map.of("KROUTE_REWARD_WEIGHT_SUCCESS", "0", "KROUTE_REWARD_WEIGHT_QUALITY", "0",
                "KROUTE_REWARD_WEIGHT_LATENCY", "0", "KROUTE_REWARD_WEIGHT_COST", "0");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, zero, Map.of()))
                .hasMessage("kroute.reward.weight.cost (environment variable KROUTE_REWARD_WEIGHT_COST): weights: "
                        + "expected at least one weight > 0, found all 0");
    }

    @Test
    void shouldTellACommandsOwnDefaultFromTheUsers() {
        assertThatThrownBy(() -> RuntimeConfig.resolve(Map.of("kroute.half.life", "soon"), null, Map.of(), Map.of()))
                .hasMessageStartingWith("kroute.half.life (the command's own default): expected a positive duration");
    }
}
