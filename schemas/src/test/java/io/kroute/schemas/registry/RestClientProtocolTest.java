package io.kroute.schemas.registry;

import static io.kroute.schemas.registry.RegistryFixtures.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against an independent fake registry written here with the JDK's HTTP server: the fake
 * records each request and answers with scripted Confluent-style responses, so the test checks exactly what
 * goes over the wire (method, path, content type, auth header) and how answers are mapped.
 */
class RestClientProtocolTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String V1_JSON = new ObjectMapper().createObjectNode().put("schema", V1.toString()).toString();

    record Seen(String method, String path, String contentType, String accept, String authorization, String body) {
    }

    record Scripted(int status, String body) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Deque<Scripted> answers = new ArrayDeque<>();
    private final CountDownLatch releaseStalledRequests = new CountDownLatch(1);
    private HttpServer fake;
    private String url;

    @BeforeEach
    void startFake() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", this::answer);
        fake.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        fake.start();
        url = "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    @AfterEach
    void stopFake() {
        releaseStalledRequests.countDown();
        fake.stop(0);
        ((java.util.concurrent.ExecutorService) fake.getExecutor()).shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Scripted next;
        synchronized (this) {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            next = answers.poll();
        }
        if (next == null) {
            // No scripted answer: hold the request until the test ends, to exercise the client's timeout.
            try {
                releaseStalledRequests.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            next = new Scripted(500, "{}");
        }
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(next.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private synchronized void script(int status, String body) {
        answers.add(new Scripted(status, body));
    }

    private synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private RestSchemaRegistryClient client() {
        return new RestSchemaRegistryClient(RegistryClientConfig.of(url).withUserInfo("user:pass"));
    }

    @Test
    void shouldRegisterWithConfluentsRequestShapeAndBasicAuth() throws IOException {
        script(200, "{\"id\": 12}");

        int id = client().register("my topic/x-value", V1);

        assertThat(id).isEqualTo(12);
        Seen request = seen().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/my%20topic%2Fx-value/versions");
        assertThat(request.contentType()).isEqualTo(CONTENT_TYPE);
        assertThat(request.accept()).startsWith(CONTENT_TYPE);
        assertThat(request.authorization()).isEqualTo("Basic dXNlcjpwYXNz");
        assertThat(new ObjectMapper().readTree(request.body()).get("schema").asText()).isEqualTo(V1.toString());
    }

    @Test
    void shouldUseTheDocumentedPathsForEveryCall() {
        RestSchemaRegistryClient client = client();
        String version = "{\"subject\": \"s\", \"version\": 3, \"id\": 5, \"schema\": " + quoted(V1.toString()) + "}";
        script(200, "{\"schema\": " + quoted(V1.toString()) + "}");
        script(200, version);
        script(200, version.replace("\"version\": 3", "\"version\": 2"));
        script(200, "[\"s\", \"t\"]");
        script(200, "[1, 2, 3]");
        script(200, "{\"is_compatible\": true}");
        script(200, version);

        assertThat(client.schemaById(5)).isEqualTo(V1);
        assertThat(client.latest("s")).isEqualTo(new RegisteredSchema("s", 3, 5, V1));
        assertThat(client.version("s", 2).version()).isEqualTo(2);
        // Numbered versions never change: already-seen ones (2 asked, 3 returned as latest) need no request.
        assertThat(client.version("s", 2).version()).isEqualTo(2);
        assertThat(client.version("s", 3).version()).isEqualTo(3);
        assertThat(client.subjects()).containsExactly("s", "t");
        assertThat(client.versions("s")).containsExactly(1, 2, 3);
        assertThat(client.isCompatible("s", "latest", V1)).isTrue();
        assertThat(client.lookup("s", V1)).contains(new RegisteredSchema("s", 3, 5, V1));

        assertThat(seen()).extracting(s -> s.method() + " " + s.path()).containsExactly(
                "GET /schemas/ids/5",
                "GET /subjects/s/versions/latest",
                "GET /subjects/s/versions/2",
                "GET /subjects",
                "GET /subjects/s/versions",
                "POST /compatibility/subjects/s/versions/latest",
                "POST /subjects/s");
        assertThat(seen()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Basic dXNlcjpwYXNz"));
        assertThat(seen()).filteredOn(s -> s.method().equals("POST"))
                .allSatisfy(s -> assertThat(s.contentType()).isEqualTo(CONTENT_TYPE));
    }

    @Test
    void shouldCacheSchemasByIdAndRegistrations() {
        RestSchemaRegistryClient client = client();
        script(200, "{\"schema\": " + quoted(V1.toString()) + "}");
        script(200, "{\"id\": 7}");

        client.schemaById(4);
        client.schemaById(4);
        client.register("s", V1);
        client.register("s", V1);
        // The id of a registered schema is known without asking.
        assertThat(client.schemaById(7)).isEqualTo(V1);

        assertThat(seen()).hasSize(2);
    }

    @Test
    void shouldNotCacheLatest() {
        RestSchemaRegistryClient client = client();
        String version = "{\"subject\": \"s\", \"version\": 1, \"id\": 1, \"schema\": " + quoted(V1.toString()) + "}";
        script(200, version);
        script(200, version);

        client.latest("s");
        client.latest("s");

        assertThat(seen()).hasSize(2);
    }

    @Test
    void shouldMapErrorBodies() {
        RestSchemaRegistryClient client = client();
        script(404, "{\"error_code\": 40401, \"message\": \"Subject 'nope' not found.\"}");
        script(409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}");
        script(401, "{\"error_code\": 401, \"message\": \"Unauthorized\"}");
        script(502, "<html>Bad Gateway</html>");

        assertError(() -> client.latest("nope"), 404, 40401, "Subject 'nope' not found.");
        assertError(() -> client.register("s", V1), 409, 409, "incompatible");
        assertError(() -> client.subjects(), 401, 401, "Unauthorized");
        assertError(() -> client.subjects(), 502, 502, "Bad Gateway");
    }

    @Test
    void shouldRefuseNonAvroSchemas() {
        script(200, "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}");

        assertError(() -> client().schemaById(3), 422, SchemaRegistryException.INVALID_SCHEMA, "expected schemaType AVRO");
    }

    @Test
    void shouldTryTheNextUrlWhenOneCannotBeReached() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        script(200, "[]");

        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(closed + "," + url));

        assertThat(client.subjects()).isEmpty();
        assertThat(seen()).hasSize(1);
        RestSchemaRegistryClient nowhere = new RestSchemaRegistryClient(RegistryClientConfig.of(closed));
        assertError(nowhere::subjects, 0, SchemaRegistryException.UNAVAILABLE, "could not reach the schema registry");
    }

    @Test
    void shouldGiveUpAfterTheRequestTimeout() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(url)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));

        assertError(client::subjects, 0, SchemaRegistryException.UNAVAILABLE, "timed out");
    }

    private static void assertError(Runnable call, int status, int code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private static String quoted(String text) {
        return new ObjectMapper().createObjectNode().textNode(text).toString();
    }
}
