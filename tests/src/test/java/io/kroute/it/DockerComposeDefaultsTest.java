package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.Setting;
import io.kroute.runtime.TopicLayout;
import io.kroute.runtime.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and the Dockerfile must agree with what kroute does on its own. */
class DockerComposeDefaultsTest {
    static final Path ROOT = Path.of("..");
    static JsonNode compose;
    static RuntimeConfig defaults = RuntimeConfig.defaults();

    @BeforeAll
    static void readCompose() throws Exception {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    @Test
    void shouldInitialiseExactlyKroutesTopicsWithKroutesSettings() {
        String script = compose.at("/services/topic-init/command/0").asText();
        Pattern create = Pattern.compile("^\\s*create (\\S+) --partitions (\\d+)((?: --config \\S+)*)\\s*$",
                Pattern.MULTILINE);
        Matcher matcher = create.matcher(script);
        List<TopicSpec> created = new ArrayList<>();
        while (matcher.find()) {
            Map<String, String> configs = new HashMap<>();
            for (String config : matcher.group(3).split(" --config ")) {
                if (!config.isBlank()) {
                    String[] pair = config.trim().split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
            }
            created.add(new TopicSpec(matcher.group(1), Integer.parseInt(matcher.group(2)), configs));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(
                TopicLayout.specs(defaults.partitions(), defaults.weightsMaxMessageBytes()));
    }

    @Test
    void shouldRunTheKafkaImageOfTheKafkaVersionKrouteIsBuiltWith() throws Exception {
        Properties kafkaVersion = new Properties();
        try (var in = Admin.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            kafkaVersion.load(in);
        }
        String image = "apache/kafka:" + kafkaVersion.getProperty("version");
        assertThat(compose.at("/services/kafka/image").asText()).isEqualTo(image);
        assertThat(compose.at("/services/topic-init/image").asText()).isEqualTo(image);
    }

    @Test
    void shouldExposeKroutesDefaultHttpAndRegistryPorts() {
        int http = defaults.httpPort();
        assertThat(compose.at("/services/kroute/ports/0").asText()).isEqualTo(http + ":" + http);
        assertThat(environment("kroute").get(Setting.HTTP_PORT.environmentVariable())).isEqualTo(Integer.toString(http));
        int registry = defaults.registryPort();
        assertThat(compose.at("/services/schema-registry/ports/0").asText()).isEqualTo(registry + ":" + registry);
        assertThat(environment("kroute").get(Setting.SCHEMA_REGISTRY_URL.environmentVariable()))
                .isEqualTo("http://schema-registry:" + registry);
    }

    @Test
    void shouldConfigureKrouteOnlyThroughSettingsItKnows() {
        for (String service : List.of("kroute", "demo-producer")) {
            Map<String, String> env = environment(service);
            RuntimeConfig config = RuntimeConfig.resolve(null, env, Map.of());
            assertThat(config.bootstrapServers()).contains("kafka:9092");
            assertThat(config.createTopics()).as("topic-init creates the topics").isFalse();
            // Every variable is either a kroute setting or bootstrap.servers: no typo passes silently to Kafka.
            assertThat(config.kafkaProperties()).containsOnlyKeys("bootstrap.servers");
        }
        assertThat(compose.at("/services/demo-producer/profiles/0").asText()).isEqualTo("demo");
    }

    @Test
    void shouldExposeTheDefaultHttpPortInTheImage() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + defaults.httpPort() + "$");
        assertThat(dockerfile).contains("COPY --from=build /src/app/target/kroute.jar");
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : compose.at("/services/" + service + "/environment").properties()) {
            env.put(entry.getKey(), entry.getValue().asText());
        }
        return env;
    }
}
