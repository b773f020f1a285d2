package io.kroute.runtime;

import static io.kroute.schemas.registry.RegistryFixtures.BREAKS_V2;
import static io.kroute.schemas.registry.RegistryFixtures.V1;
import static io.kroute.schemas.registry.RegistryFixtures.V2;
import static io.kroute.schemas.registry.RegistryFixtures.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.SampleRecords;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.schemas.registry.RestSchemaRegistryClient;
import io.kroute.schemas.registry.RegisteredSchema;
import io.kroute.schemas.registry.SchemaRegistries;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kroute's REST client against kroute's HTTP server, and the server's answers as any HTTP client sees them. */
class RestClientAgainstHttpServerTest {

    private final InMemorySchemaRegistry backing = new InMemorySchemaRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SchemaRegistryHttpServer server;
    private SchemaRegistry client;

    @BeforeEach
    void start() throws IOException {
        server = SchemaRegistryHttpServer.start(backing, 0);
        client = SchemaRegistries.connect(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldBindToLoopbackByDefault() {
        assertThat(server.url()).startsWith("http://127.0.0.1:").endsWith(":" + server.port());
    }

    @Test
    void shouldServeEveryOperationOfTheInterface() {
        int v1 = client.register("things-value", V1);
        int v2 = client.register("things-value", V2);
        client.register("a/b c+d", V1);

        assertThat(backing.versions("things-value")).containsExactly(1, 2);
        assertThat(client.schemaById(v2)).isEqualTo(V2);
        assertThat(client.latest("things-value")).isEqualTo(new RegisteredSchema("things-value", 2, v2, V2));
        assertThat(client.version("things-value", 1)).isEqualTo(new RegisteredSchema("things-value", 1, v1, V1));
        assertThat(client.subjects()).containsExactly("a/b c+d", "things-value");
        assertThat(client.versions("a/b c+d")).containsExactly(1);
        assertThat(client.lookup("things-value", V2)).contains(new RegisteredSchema("things-value", 2, v2, V2));
        assertThat(client.lookup("things-value", BREAKS_V2)).isEmpty();
        assertThat(client.lookup("missing", V1)).isEmpty();
        assertThat(client.isCompatible("things-value", "latest", V2)).isTrue();
        assertThat(client.isCompatible("things-value", "2", BREAKS_V2)).isFalse();
    }

    @Test
    void shouldMapServerErrorsToConfluentCodes() {
        client.register("things-value", V2);

        assertErrorCode(() -> client.latest("missing"), 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertErrorCode(() -> client.version("things-value", 9), 404, SchemaRegistryException.VERSION_NOT_FOUND);
        assertErrorCode(() -> client.schemaById(77), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertErrorCode(() -> client.register("things-value", BREAKS_V2), 409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertErrorCode(() -> client.isCompatible("things-value", "zero", V2), 422, SchemaRegistryException.INVALID_VERSION);
    }

    @Test
    void shouldCarryRecordsBetweenCodecsThatShareOnlyTheServer() {
        AvroCodec<RoutingDecision> producer = AvroCodec.forValues(RoutingDecision.class, client);
        AvroCodec<RoutingDecision> consumer = AvroCodec.forValues(RoutingDecision.class,
                SchemaRegistries.connect(server.url()));

        byte[] bytes = producer.encode("decisions", SampleRecords.decision());

        assertThat(consumer.decode("decisions", bytes)).isEqualTo(SampleRecords.decision());
        assertThat(backing.subjects()).containsExactly("decisions-value");
    }

    @Test
    void shouldAnswerInConfluentsShapesAndContentType() throws Exception {
        int id = backing.register("things-value", V1);

        HttpResponse<String> byId = get("/schemas/ids/" + id);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(json.readTree(byId.body()).get("schema").asText())).isEqualTo(V1);
        assertThat(new Schema.Parser().parse(get("/schemas/ids/" + id + "/schema").body())).isEqualTo(V1);
        assertThat(new Schema.Parser().parse(get("/subjects/things-value/versions/1/schema").body())).isEqualTo(V1);
        JsonNode latest = json.readTree(get("/subjects/things-value/versions/-1").body());
        assertThat(latest.get("subject").asText()).isEqualTo("things-value");
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
        assertThat(get("/subjects").body()).isEqualTo("[\"things-value\"]");
        assertThat(get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReportBadRequestsWithErrorBodies() throws Exception {
        HttpResponse<String> unknown = get("/nothing/here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("error_code").asInt()).isEqualTo(404);

        HttpResponse<String> missing = get("/subjects/missing/versions");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("error_code").asInt()).isEqualTo(40401);

        HttpResponse<String> malformed = post("/subjects/s/versions", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).get("message").asText()).contains("malformed JSON");

        HttpResponse<String> invalidSchema = post("/subjects/s/versions", "{\"schema\": \"{\\\"type\\\": \\\"nope\\\"}\"}");
        assertThat(invalidSchema.statusCode()).isEqualTo(422);
        assertThat(json.readTree(invalidSchema.body()).get("error_code").asInt()).isEqualTo(42201);

        HttpResponse<String> protobuf = post("/subjects/s/versions", "{\"schema\": \"syntax = 'proto3';\", \"schemaType\": \"PROTOBUF\"}");
        assertThat(json.readTree(protobuf.body()).get("message").asText()).contains("expected schemaType AVRO, found PROTOBUF");

        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects/s"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
