package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.topology.KrouteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseTheEmbeddedBrokerAndDefaultsWhenNothingIsConfigured() {
        RuntimeConfig config = RuntimeConfig.defaults();
        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of(".kroute"));
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.schemaRegistryUrl()).isEmpty();
        assertThat(config.createTopics()).isTrue();
        assertThat(config.replicationFactor()).isEmpty();
        assertThat(config.kafkaProperties()).isEmpty();
    }

    @Test
    void shouldLetFileThenEnvironmentThenFlagsOverrideEachOther() throws Exception {
        Path file = write("kroute.http.port=9000\n"
                + "kroute.topics.partitions=6\nkroute.data.dir=/from/file\nbootstrap.servers=file:9092\n");
        RuntimeConfig config = RuntimeConfig.resolve(file,
                Map.of("KROUTE_HTTP_PORT", "9100", "KROUTE_DATA_DIR", "/from/env", "PATH", "/usr/bin"),
                Map.of("kroute.http.port", "9200"));
        assertThat(config.httpPort()).isEqualTo(9200);
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.bootstrapServers()).contains("file:9092");
    }

    @Test
    void shouldPassEveryKafkaPropertyThroughFromFileAndEnvironment() throws Exception {
        Path file = write("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\";\n"
                + "num.stream.threads=4\nkroute.http.port=0\n");
        RuntimeConfig config = RuntimeConfig.resolve(file,
                Map.of("KROUTE_SSL_TRUSTSTORE_LOCATION", "/etc/ts.jks", "KROUTE_HOME", "/opt/kroute"), Map.of());
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("num.stream.threads", "4")
                .containsEntry("ssl.truststore.location", "/etc/ts.jks")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\";")
                .doesNotContainKey("home")
                .doesNotContainKey("kroute.http.port");
    }

    @Test
    void shouldRejectAnUnknownKrouteSettingNamingTheKnownOnes() throws Exception {
        Path file = write("kroute.htp.port=1\n");
        assertThatThrownBy(() -> RuntimeConfig.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(RuntimeConfig.ConfigException.class)
                .hasMessageContaining("unknown kroute setting 'kroute.htp.port'")
                .hasMessageContaining("kroute.http.port");
    }

    @Test
    void shouldRejectOutOfRangeAndMalformedValuesSayingWhatWasExpected() {
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of("KROUTE_HTTP_PORT", "70000"), Map.of()))
                .hasMessage("kroute.http.port (environment variable KROUTE_HTTP_PORT): expected a whole number from 0 "
                        + "to 65535, found '70000'");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.topics.partitions", "many")))
                .hasMessage("kroute.topics.partitions (flag --partitions): expected a whole number from 1 to 100000, "
                        + "found 'many'");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.topics.create", "yes")))
                .hasMessage("kroute.topics.create (flag --no-create-topics): expected true or false, found 'yes'");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.topics.replication.factor", "0")))
                .hasMessageContaining("expected -1 (the cluster's default) or a whole number from 1 to 32767, found '0'");
    }

    @Test
    void shouldReadTheProviderCatalogFileAndLetTheFlagsOverrideItsLimits() throws Exception {
        Path catalog = dir.resolve("providers.yaml");
        Files.writeString(catalog, "providers:\n  - {name: atlas, contextWindow: 8192}\n  - {name: boreal}\n"
                + "rules: {outputReserveTokens: 512, maxCostUsd: 0.5}\n");

        KrouteConfig fromFile = RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.providers.file",
                catalog.toString())).topologyConfig("localhost:9092", "mock://t");
        KrouteConfig overridden = RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.providers.file",
                catalog.toString(), "kroute.output.reserve.tokens", "2048", "kroute.max.cost.usd", "0.01"))
                .topologyConfig("localhost:9092", "mock://t");

        assertThat(fromFile.providers()).containsExactly("atlas", "boreal");
        assertThat(fromFile.catalog().rules().outputReserveTokens()).isEqualTo(512);
        assertThat(overridden.catalog().rules().outputReserveTokens()).isEqualTo(2048);
        assertThat(overridden.catalog().rules().maxCostUsd()).isEqualTo(0.01);
        assertThat(overridden.catalog().providers().get(0).contextWindow()).isEqualTo(8192);
    }

    @Test
    void shouldRefuseABadCatalogAndACatalogTogetherWithProviderNames() throws Exception {
        Path catalog = dir.resolve("providers.json");
        Files.writeString(catalog, "{\"providers\": [{\"name\": \"atlas\", \"tags\": [\"EU\"]}]}");
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"providers\": [{\"name\": \"atlas\"}]}");

        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.providers.file",
                catalog.toString()))).hasMessage("kroute.providers.file (flag --providers-file): " + catalog
                + ": $.providers[0].tags[0]: expected a tag 'key:value' of lower-case letters, digits, '.', '_' or "
                + "'-' (e.g. region:eu), found 'EU'");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.providers.file",
                good.toString(), "kroute.providers", "a,b"))).hasMessage("set kroute.providers (flag --providers) or "
                + "kroute.providers.file (flag --providers-file), not both");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.max.cost.usd", "-1")))
                .hasMessage("kroute.max.cost.usd (flag --max-cost-usd): expected a number > 0 or none, found '-1'");
    }

    @Test
    void shouldReportAMissingConfigFile() {
        Path missing = dir.resolve("absent.properties");
        assertThatThrownBy(() -> RuntimeConfig.resolve(missing, Map.of(), Map.of()))
                .hasMessageStartingWith("cannot read the config file " + missing);
    }

    @Test
    void shouldNameEachSettingsEnvironmentVariableAfterItsProperty() {
        assertThat(Setting.HTTP_PORT.environmentVariable()).isEqualTo("KROUTE_HTTP_PORT");
        assertThat(Setting.WEIGHTS_MAX_MESSAGE_BYTES.environmentVariable())
                .isEqualTo("KROUTE_TOPICS_WEIGHTS_MAX_MESSAGE_BYTES");
        for (Setting<?> setting : Setting.values()) {
            assertThat(RuntimeConfig.fromEnvironment(Map.of(setting.environmentVariable(), "x")))
                    .containsOnlyKeys(setting.property());
        }
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("kroute.properties");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void shouldCarryRewardWeightsAndLearningSettingsIntoTheTopology() throws Exception {
        Path file = write("kroute.reward.weight.success=1\nkroute.reward.weight.quality=0\n"
                + "kroute.reward.weight.latency=0\nkroute.reward.weight.cost=0\nkroute.duplicate.rewards=sum\n"
                + "kroute.tenant.baselines=true\nkroute.tenant.min.prompts=20\nkroute.min.class.evidence=12\n");
        io.kroute.topology.KrouteConfig topology = RuntimeConfig.resolve(file, Map.of("KROUTE_REWARD_COST_SCALE", "0.5"),
                Map.of("kroute.tenant.half.life", "2h")).topologyConfig("localhost:9092", "mock://t");
        assertThat(topology.rewardWeights())
                .isEqualTo(new io.kroute.inference.bandit.RewardFunction.Weights(1, 0, 0, 0, 2000, 0.5));
        assertThat(topology.duplicateRewards()).isEqualTo(io.kroute.topology.KrouteConfig.DuplicateRewards.SUM);
        assertThat(topology.tenantBaselines()).isTrue();
        assertThat(topology.tenantMinPrompts()).isEqualTo(20);
        assertThat(topology.tenantHalfLife()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(topology.minClassEvidence()).isEqualTo(12.0);
    }

    @Test
    void shouldRefuseRewardWeightsTheRewardFunctionCannotUse() throws Exception {
        Path zero = write("kroute.reward.weight.success=0\nkroute.reward.weight.quality=0\n"
                + "kroute.reward.weight.latency=0\nkroute.reward.weight.cost=0\n");
        assertThatThrownBy(() -> RuntimeConfig.resolve(zero, Map.of(), Map.of()))
                .isInstanceOf(RuntimeConfig.ConfigException.class)
                .hasMessageContaining("expected at least one weight > 0, found all 0");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of("KROUTE_REWARD_WEIGHT_COST", "cheap"), Map.of()))
                .hasMessageContaining("kroute.reward.weight.cost (environment variable KROUTE_REWARD_WEIGHT_COST): "
                        + "expected a finite number, found 'cheap'");
        assertThatThrownBy(() -> RuntimeConfig.resolve(null, Map.of(), Map.of("kroute.duplicate.rewards", "twice")))
                .hasMessageContaining("kroute.duplicate.rewards (flag --duplicate-rewards): expected first or sum, "
                        + "found 'twice'");
    }
}
