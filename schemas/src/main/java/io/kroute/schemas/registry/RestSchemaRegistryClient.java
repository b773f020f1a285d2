package io.kroute.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client for Confluent Schema Registry's REST API (also served by Karapace, Apicurio's ccompat endpoint
 * and kroute's own server in the application module). Ids, schemas by id, registrations and numbered
 * versions never change once assigned, so they are cached: a second lookup makes no request. "latest",
 * subject lists and compatibility checks are always asked. Several URLs are tried in order when one cannot
 * be reached. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {

    private static final String ACCEPT = RegistryJson.CONTENT_TYPE
            + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, RegisteredSchema>> versionsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build());
    }

    /** With a caller-built {@link HttpClient}, e.g. one carrying a specific {@code SSLContext}. */
    public RestSchemaRegistryClient(RegistryClientConfig config, HttpClient http) {
        if (config.isMock()) {
            throw new IllegalArgumentException("expected http:// or https:// registry URLs, found " + config.urls()
                    + "; use SchemaRegistries.connect for mock:// scopes");
        }
        this.config = config;
        this.http = http;
        this.authorization = config.userInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> known = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = known.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + segment(subject) + "/versions", RegistryJson.schemaRequest(schema));
        int id = RegistryJson.number(answer, "id");
        known.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        RegistryJson.requireAvro(answer);
        Schema schema = RegistryJson.parseSchema(RegistryJson.text(answer, "schema"));
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            RegisteredSchema found = remember(RegistryJson.readRegisteredSchema(
                    send("POST", "/subjects/" + segment(subject), RegistryJson.schemaRequest(schema))));
            idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, found.id());
            return Optional.of(found);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return remember(RegistryJson.readRegisteredSchema(
                send("GET", "/subjects/" + segment(subject) + "/versions/latest", null)));
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        RegisteredSchema cached = versionsBySubject.getOrDefault(subject, Map.of()).get(version);
        if (cached != null) {
            return cached;
        }
        return remember(RegistryJson.readRegisteredSchema(
                send("GET", "/subjects/" + segment(subject) + "/versions/" + version, null)));
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + segment(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/" + segment(version),
                RegistryJson.schemaRequest(schema));
        JsonNode verdict = answer.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw new SchemaRegistryException(0, SchemaRegistryException.UNAVAILABLE,
                    "expected a boolean 'is_compatible' in the registry's answer, found " + answer);
        }
        return verdict.asBoolean();
    }

    public RegistryClientConfig config() {
        return config;
    }

    private RegisteredSchema remember(RegisteredSchema registered) {
        versionsBySubject.computeIfAbsent(registered.subject(), s -> new ConcurrentHashMap<>())
                .putIfAbsent(registered.version(), registered);
        schemasById.putIfAbsent(registered.id(), registered.schema());
        return registered;
    }

    /** Sends one request, trying each configured URL in turn while they cannot be reached. */
    private JsonNode send(String method, String path, JsonNode body) {
        IOException lastFailure = null;
        for (URI base : config.urls()) {
            HttpRequest request = request(base, method, path, body);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(0, SchemaRegistryException.UNAVAILABLE,
                        "interrupted while calling the schema registry: " + method + " " + path, e);
            }
            return answer(method, request.uri(), response);
        }
        throw new SchemaRegistryException(0, SchemaRegistryException.UNAVAILABLE, "could not reach the schema registry at "
                + config.urls() + " for " + method + " " + path + ": " + lastFailure, lastFailure);
    }

    private HttpRequest request(URI base, String method, String path, JsonNode body) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(config.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", RegistryJson.CONTENT_TYPE);
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private static JsonNode answer(String method, URI uri, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = RegistryJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (status >= 200 && status < 300) {
            if (json == null || json.isMissingNode()) {
                throw new SchemaRegistryException(status, SchemaRegistryException.UNAVAILABLE,
                        "expected a JSON answer from " + method + " " + uri + ", found: " + snippet(response.body()));
            }
            return json;
        }
        if (json != null && json.has("error_code")) {
            String message = json.path("message").asText("");
            return throwError(status, json.get("error_code").asInt(status), message + " (HTTP " + status + " from "
                    + method + " " + uri + ")");
        }
        // Proxies and gateways answer errors without the registry's JSON; keep what they said.
        return throwError(status, status, "HTTP " + status + " from " + method + " " + uri + ": " + snippet(response.body()));
    }

    private static JsonNode throwError(int status, int errorCode, String message) {
        throw new SchemaRegistryException(status, errorCode, message);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Percent-encodes one path segment (subjects may hold any character, including '/'). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
