package io.kroute.runtime;

import io.kroute.topology.KrouteTopics;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDataFolder() throws Exception {
        List<TopicSpec> specs = TopicLayout.specs(2, 2 * 1024 * 1024);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(TopicCreator.createMissing(admin, specs, Optional.empty()))
                    .containsExactlyInAnyOrderElementsOf(KrouteTopics.ALL);
            assertThat(TopicCreator.createMissing(admin, specs, Optional.empty())).isEmpty();
            Config weights = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    KrouteTopics.WEIGHTS))).all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(weights.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(weights.get("max.message.bytes").value()).isEqualTo(Integer.toString(2 * 1024 * 1024));
            assertThat(admin.describeTopics(Set.of(KrouteTopics.PROMPTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(KrouteTopics.PROMPTS).partitions()).hasSize(2);
            KafkaTestClients.produce(broker.bootstrapServers(), KrouteTopics.PROMPTS, "p-1", "hello");
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(KrouteTopics.ALL);
            assertThat(KafkaTestClients.consumeAll(broker.bootstrapServers(), KrouteTopics.PROMPTS, 1)).containsExactly("p-1=hello");
        }
    }
}
