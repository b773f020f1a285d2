package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JSON all the way: kcat sends JSON prompts and reads JSON decisions, with no Avro anywhere. */
class JsonDecisionsIT {
    static final Duration BOUND = Duration.ofSeconds(90);
    static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void shouldWriteDecisionsKcatReadsAsJson() throws Exception {
        assertThat(Path.of("/usr/bin/kcat")).as("kcat (apt-get install -y kcat; .ci/run installs it)").exists();
        try (InProcessKroute kroute = InProcessKroute.start(KAFKA.bootstrapServers(), "json-decisions",
                Map.of("kroute.prompts.format", "json", "kroute.decisions.format", "json"))) {
            String prompts = "kcat-1|{\"id\": \"kcat-1\", \"tenant\": \"acme\", \"text\": \"Translate good morning "
                    + "into French\", \"createdAt\": \"2026-01-01T00:00:00Z\"}\n";
            Examples.run(List.of("/bin/sh", "-c", "printf '%s' \"$1\" | kcat -P -b " + KAFKA.bootstrapServers()
                    + " -t prompts -K '|'", "sh", prompts), BOUND);

            String read = Examples.run(List.of("kcat", "-C", "-b", KAFKA.bootstrapServers(), "-t", "decisions",
                    "-o", "beginning", "-c", "1", "-f", "%k\\t%s\\n", "-q", "-X", "isolation.level=read_committed"),
                    BOUND);

            String[] keyAndValue = read.split("\t", 2);
            assertThat(keyAndValue[0]).isEqualTo("kcat-1");
            JsonNode decision = MAPPER.readTree(keyAndValue[1]);
            assertThat(decision.path("promptId").asText()).isEqualTo("kcat-1");
            assertThat(decision.path("label").asText()).isEqualTo("translation");
            assertThat(decision.path("provider").asText()).isNotEmpty();
            assertThat(decision.path("propensity").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(decision.path("promptCreatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        }
    }
}
