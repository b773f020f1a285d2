package io.kroute.runtime;

import io.kroute.schemas.registry.RegisteredSchema;
import io.kroute.schemas.registry.RegistryJson;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.schemas.registry.SchemaRegistryException;
import io.kroute.schemas.registry.CompatibilityLevel;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * Serves a {@link SchemaRegistry} over HTTP with the subset of Confluent Schema Registry's REST API that
 * serializers, deserializers and command-line tools use, so any Confluent-format client can read and write
 * kroute's topics against kroute's in-memory registry:
 * <pre>
 * GET  /                                       {}
 * GET  /schemas/types                          ["AVRO"]
 * GET  /schemas/ids/{id}                       {"schema": "..."}
 * GET  /schemas/ids/{id}/schema                the schema itself
 * GET  /subjects                               ["prompts-value", ...]
 * GET  /subjects/{subject}/versions            [1, 2]
 * GET  /subjects/{subject}/versions/{v|latest} {"subject", "version", "id", "schema"}
 * GET  /subjects/{subject}/versions/{v}/schema the schema itself
 * POST /subjects/{subject}/versions            {"schema": "..."} registers, answers {"id": n}
 * POST /subjects/{subject}                     {"schema": "..."} looks up, answers the version
 * POST /compatibility/subjects/{subject}/versions/{v|latest}  answers {"is_compatible": bool}
 * GET  /config                                 {"compatibilityLevel": "BACKWARD"} (in-memory registries)
 * </pre>
 * Errors carry Confluent's {@code {"error_code", "message"}} body. Binds to the loopback interface unless
 * given another address; nothing here authenticates, so expose it wider only behind something that does.
 */
public final class SchemaRegistryHttpServer implements AutoCloseable {

    /** Request bodies above this size are refused; an Avro schema is a few kilobytes. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final SchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;

    private SchemaRegistryHttpServer(SchemaRegistry registry, HttpServer server, ExecutorService executor) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code registry} on the loopback interface; port 0 picks a free port. */
    public static SchemaRegistryHttpServer start(SchemaRegistry registry, int port) throws IOException {
        return start(registry, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public static SchemaRegistryHttpServer start(SchemaRegistry registry, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "kroute-registry-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SchemaRegistryHttpServer instance = new SchemaRegistryHttpServer(registry, server, executor);
        server.createContext("/", instance::handle);
        server.setExecutor(executor);
        server.start();
        return instance;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), exchange);
            } catch (SchemaRegistryException e) {
                int status = e.httpStatus() >= 400 ? e.httpStatus() : 500;
                reply = Reply.json(status, RegistryJson.error(e.errorCode(), e.getMessage()));
            } catch (BadRequest e) {
                reply = Reply.json(e.status, RegistryJson.error(e.status, e.getMessage()));
            } catch (RuntimeException e) {
                reply = Reply.json(500, RegistryJson.error(50001, "Error in the registry: " + e));
            }
            byte[] body = reply.body;
            exchange.getResponseHeaders().set("Content-Type", reply.contentType);
            exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Reply route(String method, List<String> path, HttpExchange exchange) throws IOException {
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        Reply reply;
        if (path.isEmpty()) {
            reply = get ? Reply.json(200, RegistryJson.MAPPER.createObjectNode()) : null;
        } else {
            reply = switch (path.get(0)) {
                case "schemas" -> get ? schemas(path) : null;
                case "subjects" -> subjects(get, post, path, exchange);
                case "compatibility" -> post ? compatibility(path, exchange) : null;
                case "config" -> get ? config(path) : null;
                default -> null;
            };
        }
        if (reply != null) {
            return reply;
        }
        if (knownPath(path)) {
            throw new BadRequest(405, "HTTP 405 Method Not Allowed: " + method + " is not supported on this path");
        }
        throw new BadRequest(404, "HTTP 404 Not Found");
    }

    /** {@code GET /schemas/types}, {@code /schemas/ids/{id}} and {@code /schemas/ids/{id}/schema}; else null. */
    private Reply schemas(List<String> path) {
        int n = path.size();
        if (n == 2 && path.get(1).equals("types")) {
            return Reply.json(200, RegistryJson.MAPPER.createArrayNode().add("AVRO"));
        }
        if (n == 4 && path.get(1).equals("ids") && path.get(3).equals("versions")) {
            return Reply.json(200, subjectVersions(schemaId(path.get(2))));
        }
        if ((n == 3 || n == 4 && path.get(3).equals("schema")) && path.get(1).equals("ids")) {
            Schema schema = registry.schemaById(schemaId(path.get(2)));
            if (n == 4) {
                return Reply.raw(200, schema.toString());
            }
            ObjectNode body = RegistryJson.MAPPER.createObjectNode();
            body.put("schema", schema.toString());
            return Reply.json(200, body);
        }
        return null;
    }

    /** Listing subjects, looking a schema up, listing, registering and reading versions; else null. */
    private Reply subjects(boolean get, boolean post, List<String> path, HttpExchange exchange) throws IOException {
        int n = path.size();
        if (n == 1 && get) {
            ArrayNode subjects = RegistryJson.MAPPER.createArrayNode();
            registry.subjects().forEach(subjects::add);
            return Reply.json(200, subjects);
        }
        if (n == 2 && post) {
            Schema schema = schemaFromBody(exchange);
            String subject = path.get(1);
            registry.versions(subject); // 40401 when the subject does not exist
            RegisteredSchema found = registry.lookup(subject, schema)
                    .orElseThrow(() -> SchemaRegistryException.schemaNotFound("in subject '" + subject + "'"));
            return Reply.json(200, RegistryJson.registeredSchema(found));
        }
        if (n == 3 && path.get(2).equals("versions")) {
            if (get) {
                ArrayNode versions = RegistryJson.MAPPER.createArrayNode();
                registry.versions(path.get(1)).forEach(versions::add);
                return Reply.json(200, versions);
            }
            if (post) {
                int id = registry.register(path.get(1), schemaFromBody(exchange));
                ObjectNode body = RegistryJson.MAPPER.createObjectNode();
                body.put("id", id);
                return Reply.json(200, body);
            }
        }
        if (get && n >= 4 && path.get(2).equals("versions") && (n == 4 || n == 5 && path.get(4).equals("schema"))) {
            RegisteredSchema version = resolve(path.get(1), path.get(3));
            return n == 4 ? Reply.json(200, RegistryJson.registeredSchema(version))
                    : Reply.raw(200, version.schema().toString());
        }
        return null;
    }

    /** {@code POST /compatibility/subjects/{subject}/versions/{version}}; else null. */
    private Reply compatibility(List<String> path, HttpExchange exchange) throws IOException {
        if (path.size() == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
            boolean compatible = registry.isCompatible(path.get(2), versionArgument(path.get(4)),
                    schemaFromBody(exchange));
            ObjectNode body = RegistryJson.MAPPER.createObjectNode();
            body.put("is_compatible", compatible);
            return Reply.json(200, body);
        }
        return null;
    }

    /** {@code GET /config} and {@code /config/{subject}} of the in-memory registry; else null. */
    private Reply config(List<String> path) {
        if (path.size() > 2) {
            return null;
        }
        String subject = path.size() == 2 ? path.get(1) : null;
        CompatibilityLevel level;
        if (registry instanceof InMemorySchemaRegistry memory) {
            level = subject == null ? memory.compatibilityLevel() : memory.compatibilityLevel(subject);
        } else if (registry instanceof JournaledSchemaRegistry journaled) {
            level = subject == null ? journaled.compatibilityLevel() : journaled.compatibilityLevel(subject);
        } else {
            return null;
        }
        ObjectNode body = RegistryJson.MAPPER.createObjectNode();
        body.put("compatibilityLevel", level.name());
        return Reply.json(200, body);
    }

    /** {@code [{"subject": s, "version": v}, ...]}: where the schema with {@code id} is registered. */
    private ArrayNode subjectVersions(int id) {
        registry.schemaById(id); // 40403 when no schema has the id
        ArrayNode found = RegistryJson.MAPPER.createArrayNode();
        for (String subject : registry.subjects()) {
            for (int version : registry.versions(subject)) {
                if (registry.version(subject, version).id() == id) {
                    found.addObject().put("subject", subject).put("version", version);
                }
            }
        }
        return found;
    }

    private RegisteredSchema resolve(String subject, String version) {
        String argument = versionArgument(version);
        return argument.equals(SchemaRegistry.LATEST) ? registry.latest(subject)
                : registry.version(subject, Integer.parseInt(argument));
    }

    /** "latest", "-1" (Confluent's alias for latest) or a positive version number. */
    private static String versionArgument(String version) {
        if (version.equals(SchemaRegistry.LATEST) || version.equals("-1")) {
            return SchemaRegistry.LATEST;
        }
        try {
            if (Integer.parseInt(version) >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SchemaRegistryException.invalidVersion(version);
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequest(404, "HTTP 404 Not Found: expected a numeric schema id, found '" + text + "'");
        }
    }

    private static boolean knownPath(List<String> path) {
        return !path.isEmpty() && List.of("schemas", "subjects", "compatibility", "config").contains(path.get(0));
    }

    private static Schema schemaFromBody(HttpExchange exchange) throws IOException {
        JsonNode request;
        try {
            request = RegistryJson.MAPPER.readTree(readBody(exchange.getRequestBody()));
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "expected a JSON body {\"schema\": \"...\"}, found malformed JSON: "
                    + e.getOriginalMessage());
        }
        if (request == null || !request.isObject() || !request.path("schema").isTextual()) {
            throw new BadRequest(422, "expected a JSON body {\"schema\": \"...\"} with the schema as a string");
        }
        RegistryJson.requireAvro(request);
        JsonNode references = request.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported; inline the referenced types");
        }
        return RegistryJson.parseSchema(request.get("schema").asText());
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = in.read(chunk)) > 0) {
            if (buffer.size() + read > MAX_BODY_BYTES) {
                throw new BadRequest(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            buffer.write(chunk, 0, read);
        }
        return buffer.toByteArray();
    }

    /** Splits a raw path into percent-decoded segments; '+' stays a plus sign in paths. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                try {
                    segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(400, "malformed percent-encoding in path segment '" + part + "'");
                }
            }
        }
        return segments;
    }

    private static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, JsonNode node) {
            return new Reply(status, RegistryJson.CONTENT_TYPE, node.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Reply raw(int status, String schema) {
            return new Reply(status, RegistryJson.CONTENT_TYPE, schema.getBytes(StandardCharsets.UTF_8));
        }
    }
}
