package io.kroute.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a schema registry. Built from the same property names Confluent's clients use, so one
 * configuration file serves kroute and other tools:
 * <ul>
 * <li>{@code schema.registry.url}: comma-separated base URLs (tried in order), or one {@code mock://scope}</li>
 * <li>{@code basic.auth.credentials.source}: {@code USER_INFO} (default) or {@code URL} (user:password in the URL)</li>
 * <li>{@code basic.auth.user.info}: {@code user:password}</li>
 * <li>{@code schema.registry.connect.timeout.ms} (default 10000), {@code schema.registry.request.timeout.ms} (default 30000)</li>
 * </ul>
 * TLS uses the JVM's default {@code SSLContext}, so {@code javax.net.ssl.trustStore} and friends apply.
 */
public record RegistryClientConfig(List<URI> urls, String userInfo, Duration connectTimeout, Duration requestTimeout) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public RegistryClientConfig {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("expected at least one schema registry URL, found none");
        }
        if (userInfo != null && userInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException("expected basic auth user info as user:password, found a value without ':'");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Unauthenticated access to the given comma-separated URLs with default timeouts. */
    public static RegistryClientConfig of(String urls) {
        return new RegistryClientConfig(parseUrls(urls), null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Reads the Confluent-style properties listed in the class comment; other keys are ignored. */
    public static RegistryClientConfig fromProperties(Map<String, ?> properties) {
        Object urlValue = properties.get(URL);
        if (urlValue == null || urlValue.toString().isBlank()) {
            throw new IllegalArgumentException("expected property " + URL + " (the schema registry's URL), found none");
        }
        List<URI> urls = parseUrls(urlValue.toString());
        String source = string(properties, CREDENTIALS_SOURCE, "USER_INFO").toUpperCase(Locale.ROOT);
        String userInfo;
        switch (source) {
            case "USER_INFO" -> userInfo = properties.get(USER_INFO) == null ? null : properties.get(USER_INFO).toString();
            case "URL" -> userInfo = urls.get(0).getRawUserInfo() == null ? null
                    : java.net.URLDecoder.decode(urls.get(0).getRawUserInfo().replace("+", "%2B"),
                            java.nio.charset.StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("expected " + CREDENTIALS_SOURCE
                    + " to be USER_INFO or URL, found '" + source + "'");
        }
        return new RegistryClientConfig(urls, userInfo == null || userInfo.isEmpty() ? null : userInfo,
                millis(properties, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT),
                millis(properties, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT));
    }

    public RegistryClientConfig withUserInfo(String newUserInfo) {
        return new RegistryClientConfig(urls, newUserInfo, connectTimeout, requestTimeout);
    }

    public RegistryClientConfig withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new RegistryClientConfig(urls, userInfo, newConnectTimeout, newRequestTimeout);
    }

    /** True for a {@code mock://scope} configuration, which names an in-memory registry. */
    public boolean isMock() {
        return "mock".equalsIgnoreCase(urls.get(0).getScheme());
    }

    // The password never appears in logs.
    @Override
    public String toString() {
        return "RegistryClientConfig[urls=" + urls + ", basicAuth=" + (userInfo == null ? "none"
                : userInfo.substring(0, userInfo.indexOf(':')) + ":****") + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    private static List<URI> parseUrls(String value) {
        List<URI> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a schema registry URL, found '" + trimmed + "'", e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mock")) {
                throw new IllegalArgumentException("expected a schema registry URL starting with http://, https:// "
                        + "or mock://, found '" + trimmed + "'");
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("expected at least one schema registry URL, found '" + value + "'");
        }
        if (urls.size() > 1 && urls.stream().anyMatch(u -> "mock".equalsIgnoreCase(u.getScheme()))) {
            throw new IllegalArgumentException("expected a single mock:// URL, found '" + value + "'");
        }
        return urls;
    }

    private static String string(Map<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    private static Duration millis(Map<String, ?> properties, String key, Duration fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(value.toString().trim());
            if (ms <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + key + " as a positive number of milliseconds, found '"
                    + value + "'", e);
        }
    }
}
