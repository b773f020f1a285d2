package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KrouteConfigTest {

    @Test
    void shouldRejectUnknownPolicyNamingTheKnownOnes() {
        assertThatThrownBy(() -> KrouteConfig.builder().policy("greedy-ish").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thompson")
                .hasMessageContaining("'greedy-ish'");
    }

    @Test
    void shouldRejectDuplicateOrSeparatorProviderNames() {
        assertThatThrownBy(() -> KrouteConfig.builder().providers(List.of("a", "a")).build())
                .hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> KrouteConfig.builder().providers(List.of("a|b")).build())
                .hasMessageContaining("'a|b'");
        assertThatThrownBy(() -> KrouteConfig.builder().providers(List.of()).build())
                .hasMessageContaining("at least one provider");
    }

    @Test
    void shouldRejectNonPositiveWindowsAndOutOfRangeDefaultReward() {
        assertThatThrownBy(() -> KrouteConfig.builder().rewardWindow(Duration.ZERO).build())
                .hasMessageContaining("rewardWindow: expected a positive duration, found PT0S");
        assertThatThrownBy(() -> KrouteConfig.builder().defaultReward(OptionalDouble.of(1.5)).build())
                .hasMessageContaining("defaultReward: expected a number in [0, 1] or none, found 1.5");
        assertThatThrownBy(() -> KrouteConfig.builder().defaultReward(OptionalDouble.of(Double.NaN)).build())
                .hasMessageContaining("found NaN");
        assertThatThrownBy(() -> KrouteConfig.builder().armStatePublishInterval(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("armStatePublishInterval");
    }

    @Test
    void shouldTakeTheProvidersFromTheCatalogAndLetTheLimitsReplaceItsOwn() {
        KrouteConfig config = KrouteConfig.builder().catalog(RoutingPathTest.catalog())
                .outputReserveTokens(OptionalLong.of(16)).maxCostUsd(OptionalDouble.of(0.5)).build();

        assertThat(config.providers()).containsExactly("atlas", "boreal", "cirrus", "delta");
        assertThat(config.catalog().rules().outputReserveTokens()).isEqualTo(16);
        assertThat(config.catalog().rules().maxCostUsd()).isEqualTo(0.5);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(KrouteConfig.builder().providers(List.of("a", "b")).build().catalog().names())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> KrouteConfig.builder().maxCostUsd(OptionalDouble.of(0)).build())
                .hasMessage("maxCostUsd: expected a finite amount > 0, found 0.0");
        assertThatThrownBy(() -> KrouteConfig.builder().outputReserveTokens(OptionalLong.of(-1)).build())
                .hasMessage("outputReserveTokens: expected a whole number >= 0, found -1");
    }

    @Test
    void shouldDefaultToExactlyOnceV2AndLetTheUserOverride() {
        KrouteConfig config = KrouteConfig.builder().applicationId("router").build();
        Properties defaults = StreamsProperties.of(config);
        assertThat(defaults.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(defaults.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("router");
        Properties overridden = StreamsProperties.of(config,
                java.util.Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        assertThat(overridden.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void shouldNotIdleTasksForEmptyPartitionsUnlessTheUserSaysSo() {
        KrouteConfig config = KrouteConfig.builder().build();
        assertThat(StreamsProperties.of(config).get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        assertThat(StreamsProperties.of(config, java.util.Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L))
                .get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(0L);
    }

    @Test
    void shouldNameEveryNodeAndStoreOfTheTopology() {
        KrouteTopology.Built built = KrouteTopology.build(KrouteConfig.builder().tenantBaselines(true).build(),
                new io.kroute.schemas.registry.InMemorySchemaRegistry(), TestWeights.file("v1"),
                new io.kroute.topology.metrics.InMemoryKrouteCounters());
        String description = built.topology().describe().toString();
        assertThat(description).contains("prompts-source", "decide", "decisions-sink", "quarantine-sink",
                "join-rewards", "aggregate-arms", "arm-state-sink", "arm-rewards-repartition",
                KrouteStores.ARM_STATE, KrouteStores.WEIGHTS, KrouteStores.PENDING_DECISIONS,
                KrouteStores.DECISION_DEADLINES, KrouteStores.ARM_STATISTICS, KrouteStores.TENANT_BASELINES);
        // Generated names (KSTREAM-MAP-0000000012 and the like) would change whenever the topology does.
        assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }
}
