package io.kroute.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kroute's read-only HTTP endpoint on the JDK's built-in server. Each path is answered by a {@link Route};
 * only GET and HEAD are accepted, since nothing here changes state.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    /** A response: status, content type and body. */
    public record Response(int status, String contentType, byte[] body) {
        public static Response json(int status, String json) {
            return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response text(int status, String contentType, String text) {
            return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers one path; {@code query} holds the decoded query parameters. */
    @FunctionalInterface
    public interface Route {
        Response answer(Map<String, String> query) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> routes;

    private HttpEndpoint(HttpServer server, ExecutorService executor, Map<String, Route> routes) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
    }

    /**
     * Adds or replaces the route of {@code path}. The endpoint can listen before everything it serves exists
     * (Kafka Streams needs the endpoint's port before it can be created).
     */
    public HttpEndpoint route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and serves {@code routes}, path to route. */
    public static HttpEndpoint start(String host, int port, Map<String, Route> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        Map<String, Route> table = Collections.synchronizedMap(new LinkedHashMap<>(routes));
        server.createContext("/", exchange -> handle(exchange, table));
        // Two threads: a slow forwarded /arms request must not hold up /health.
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kroute-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoint(server, executor, table);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** {@code http://host:port}. */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, Map<String, Route> routes) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Response response;
            Route route = routes.get(exchange.getRequestURI().getPath());
            if (route == null) {
                String known;
                synchronized (routes) {
                    known = String.join(", ", routes.keySet());
                }
                response = Response.json(404, "{\"error\":" + JsonText.quote("no such path; known paths: " + known) + "}");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = Response.json(405, "{\"error\":\"read-only endpoint: expected GET or HEAD, found "
                        + method + "\"}");
            } else {
                try {
                    response = route.answer(queryParameters(exchange.getRequestURI()));
                } catch (IllegalArgumentException e) {
                    response = Response.json(400, "{\"error\":" + JsonText.quote(e.getMessage()) + "}");
                } catch (Exception e) {
                    LOG.warn("HTTP {} {} failed", method, exchange.getRequestURI(), e);
                    response = Response.json(500, "{\"error\":" + JsonText.quote(String.valueOf(e.getMessage())) + "}");
                }
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    static Map<String, String> queryParameters(URI uri) {
        Map<String, String> result = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            result.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return result;
    }
}
