package io.kroute.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a registry from configuration. A {@code mock://scope} URL gives the in-memory registry of that
 * scope, shared by everything in the JVM that names the same scope (as Confluent's test tooling does);
 * {@code http(s)://} URLs give a REST client.
 */
public final class SchemaRegistries {

    private static final Map<String, InMemorySchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    public static SchemaRegistry connect(RegistryClientConfig config) {
        if (config.isMock()) {
            return mockScope(scopeOf(config.urls().get(0)));
        }
        return new RestSchemaRegistryClient(config);
    }

    public static SchemaRegistry connect(String urls) {
        return connect(RegistryClientConfig.of(urls));
    }

    /** The shared in-memory registry of a mock scope, created empty on first use. */
    public static InMemorySchemaRegistry mockScope(String scope) {
        return MOCK_SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a mock scope, so the next use starts from an empty registry. */
    public static void dropMockScope(String scope) {
        MOCK_SCOPES.remove(scope);
    }

    private static String scopeOf(java.net.URI mockUrl) {
        // mock://scope parses with the scope as the authority; mock:scope as the scheme-specific part.
        String spec = mockUrl.getSchemeSpecificPart();
        String scope = spec.startsWith("//") ? spec.substring(2) : spec;
        if (scope.endsWith("/")) {
            scope = scope.substring(0, scope.length() - 1);
        }
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("expected mock://SCOPE with a scope name, found '" + mockUrl + "'");
        }
        return scope;
    }
}
