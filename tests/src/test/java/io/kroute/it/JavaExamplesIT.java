package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * examples/java against kroute's defaults (Avro prompts), run as a reader would run them: source-file programs
 * on kroute.jar. The producer sends Avro prompts without registering, the dispatch worker reads the decisions
 * with read_committed and sends rewards; every reward is folded.
 */
class JavaExamplesIT {
    static final Duration BOUND = Duration.ofSeconds(120);
    static final Path EXAMPLES = Path.of("..", "examples", "java");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void shouldRouteTheJavaProducersPromptsAndFoldTheDispatchWorkersRewards() throws Exception {
        try (InProcessKroute kroute = InProcessKroute.start(KAFKA.bootstrapServers(), "java-examples", Map.of())) {
            String registry = kroute.runtime().addresses().registryUrl();
            String sent = Examples.run(Examples.java(EXAMPLES.resolve("PromptProducer.java"),
                    KAFKA.bootstrapServers(), registry, "8", "java"), BOUND);
            assertThat(sent.lines()).hasSize(8);

            String handled = Examples.run(Examples.java(EXAMPLES.resolve("DispatchWorker.java"),
                    KAFKA.bootstrapServers(), registry, "8", "java-"), BOUND);

            assertThat(handled.lines()).hasSize(8).allMatch(line -> line.startsWith("java-"));
            Await.until("8 rewards folded", BOUND, () -> kroute.counter("kroute_rewards_folded_total") >= 8);
            assertThat(kroute.counter("kroute_rewards_unmatched_total")).isZero();
        }
    }
}
