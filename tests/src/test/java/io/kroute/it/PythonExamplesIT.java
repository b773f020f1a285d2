package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * examples/python against kroute with JSON prompts: confluent-kafka with its defaults sends the prompts, the
 * dispatch worker decodes the Avro decisions through kroute's registry and sends Avro rewards it never registered;
 * every reward is folded.
 */
class PythonExamplesIT {
    static final Duration BOUND = Duration.ofSeconds(90);
    static final Path EXAMPLES = Path.of("..", "examples", "python");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void shouldRouteThePythonProducersPromptsAndFoldTheDispatchWorkersRewards() throws Exception {
        try (InProcessKroute kroute = InProcessKroute.start(KAFKA.bootstrapServers(), "python-examples",
                Map.of("kroute.prompts.format", "json"))) {
            String sent = Examples.run(List.of("/usr/bin/python3", EXAMPLES.resolve("prompt_producer.py").toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--count", "8", "--id-prefix", "py"), BOUND);
            assertThat(sent.lines()).hasSize(8);

            String handled = Examples.run(List.of("/usr/bin/python3", EXAMPLES.resolve("dispatch_worker.py").toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url",
                    kroute.runtime().addresses().registryUrl(), "--id-prefix", "py-", "--count", "8"), BOUND);

            assertThat(handled.lines()).hasSize(8).allMatch(line -> line.startsWith("py-"));
            Await.until("8 rewards folded", BOUND, () -> kroute.counter("kroute_rewards_folded_total") >= 8);
            assertThat(kroute.counter("kroute_rewards_unmatched_total")).isZero();
        }
    }
}
