package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry kroute serves, as it is at start-up: its subjects registered, the read endpoints tools use. */
class ServedRegistryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;
    JournaledSchemaRegistry journaled;
    SchemaRegistryHttpServer server;
    Map<String, Integer> ids;

    @BeforeEach
    void start() throws IOException {
        journaled = JournaledSchemaRegistry.open(temp.resolve("schemas.jsonl"));
        ids = KrouteSubjects.register(journaled);
        server = SchemaRegistryHttpServer.start(journaled, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        journaled.close();
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
        return MAPPER.readTree(response.body());
    }

    @Test
    void shouldServeKroutesSubjectsBeforeAnyRecordIsWritten() throws Exception {
        assertThat(ids).containsOnlyKeys("prompts-value", "rewards-value", "decisions-value", "quarantine-value",
                "arm-state-value");
        assertThat(get("/subjects", 200)).extracting(JsonNode::asText).containsExactlyInAnyOrder("prompts-value",
                "rewards-value", "decisions-value", "quarantine-value", "arm-state-value");
    }

    @Test
    void shouldLetAProducerThatNeverRegistersWriteToKroutesTopics() {
        AvroCodec<PromptEvent> producer = AvroCodec.forValues(PromptEvent.class,
                SchemaRegistries.connect(server.url())).withAutoRegister(false);
        PromptEvent prompt = PromptEvent.newBuilder().setId("p-1").setTenant("acme").setText("hello there")
                .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z")).build();

        byte[] bytes = producer.encode("prompts", prompt);

        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(ids.get("prompts-value"));
        assertThat(AvroCodec.forValues(PromptEvent.class, journaled).decode("prompts", bytes)).isEqualTo(prompt);
    }

    @Test
    void shouldAnswerTheConfigAndSchemaVersionsEndpointsAndA404WithAnErrorCodeElsewhere() throws Exception {
        assertThat(get("/config", 200).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(get("/config/prompts-value", 200).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        JsonNode versions = get("/schemas/ids/" + ids.get("rewards-value") + "/versions", 200);
        assertThat(versions.toString()).isEqualTo("[{\"subject\":\"rewards-value\",\"version\":1}]");
        assertThat(get("/schemas/ids/9999/versions", 404).path("error_code").asInt()).isEqualTo(40403);
        assertThat(get("/mode", 404).path("error_code").asInt()).isEqualTo(404);
    }
}
