package io.kroute.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.schemas.ArmHistory;
import io.kroute.schemas.ArmState;
import io.kroute.topology.KrouteConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code /arms}: arm statistics from the partitioned store that aggregates them, through interactive queries.
 * One arm ({@code ?class=C&provider=P}) is answered by the instance whose task owns its key, forwarded there
 * when that is another instance; all arms are gathered from every instance's local partitions. While the
 * application is rebalancing, or an owner is unreachable, the answer is 503: the caller retries.
 */
public final class ArmsQuery implements HttpEndpoint.Route {
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);
    private static final String LOCAL_ONLY = "local";

    private final KafkaStreams streams;
    private final String storeName;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();

    /**
     * @param self this instance's {@code application.server}, i.e. the host and port of its HTTP endpoint
     */
    public ArmsQuery(KafkaStreams streams, String storeName, HostInfo self) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.self = Objects.requireNonNull(self, "self");
    }

    /** The key of one arm in the store: {@code class|provider}. */
    public static String armKey(String label, String provider) {
        return KrouteConfig.armKey(label, provider);
    }

    @Override
    public HttpEndpoint.Response answer(Map<String, String> query) throws IOException, InterruptedException {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return unavailable("the application is " + streams.state() + "; arm statistics answer once it is RUNNING");
        }
        String label = query.get("class");
        String provider = query.get("provider");
        if ((label == null) != (provider == null)) {
            throw new IllegalArgumentException("expected both class and provider, or neither; found "
                    + (label == null ? "only provider" : "only class"));
        }
        boolean localOnly = query.containsKey(LOCAL_ONLY);
        try {
            return label == null ? all(localOnly) : one(label, provider, localOnly);
        } catch (InvalidStateStoreException e) {
            return unavailable("the arm statistics store is migrating between instances: " + e.getMessage());
        }
    }

    private HttpEndpoint.Response one(String label, String provider, boolean localOnly)
            throws IOException, InterruptedException {
        String key = armKey(label, provider);
        KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return unavailable("no instance owns the arm " + key + " yet");
        }
        if (!localOnly && !metadata.activeHost().equals(self)) {
            return forward(metadata.activeHost(), "class=" + encode(label) + "&provider=" + encode(provider));
        }
        ArmState state = localStore().get(key);
        if (state == null) {
            return HttpEndpoint.Response.json(404, "{\"error\":" + JsonText.quote("no statistics yet for class '" + label
                    + "' and provider '" + provider + "' (no reward folded in)") + "}");
        }
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.put("instance", self.host() + ":" + self.port());
        body.set("arm", render(state));
        return HttpEndpoint.Response.json(200, body.toString());
    }

    private HttpEndpoint.Response all(boolean localOnly) throws IOException, InterruptedException {
        ObjectNode classes = JsonText.MAPPER.createObjectNode();
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        var instances = body.putArray("instances");
        if (localOnly) {
            addLocal(classes);
            instances.add(self.host() + ":" + self.port());
        } else {
            for (StreamsMetadata metadata : streams.streamsMetadataForStore(storeName)) {
                HostInfo host = metadata.hostInfo();
                instances.add(host.host() + ":" + host.port());
                if (host.equals(self)) {
                    addLocal(classes);
                    continue;
                }
                HttpEndpoint.Response remote = forward(host, LOCAL_ONLY);
                if (remote.status() != 200) {
                    return remote;
                }
                JsonNode remoteClasses = JsonText.MAPPER.readTree(remote.body()).path("classes");
                remoteClasses.properties().forEach(byClass -> byClass.getValue().properties().forEach(arm ->
                        classes.withObjectProperty(byClass.getKey()).set(arm.getKey(), arm.getValue())));
            }
        }
        body.set("classes", classes);
        return HttpEndpoint.Response.json(200, body.toString());
    }

    private void addLocal(ObjectNode classes) {
        try (KeyValueIterator<String, ArmState> it = localStore().all()) {
            while (it.hasNext()) {
                KeyValue<String, ArmState> entry = it.next();
                ArmState state = entry.value;
                classes.withObjectProperty(state.getLabel()).set(state.getProvider(), render(state));
            }
        }
    }

    private ReadOnlyKeyValueStore<String, ArmState> localStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(storeName,
                QueryableStoreTypes.<String, ArmState>keyValueStore()));
    }

    private HttpEndpoint.Response forward(HostInfo host, String query) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + "/arms?" + query
                + (query.equals(LOCAL_ONLY) ? "" : "&" + LOCAL_ONLY));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(FORWARD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new HttpEndpoint.Response(response.statusCode(), "application/json", response.body());
        } catch (IOException e) {
            return unavailable("the instance owning these arms (" + host.host() + ":" + host.port()
                    + ") did not answer: " + e.getMessage());
        }
    }

    /** One arm as JSON, with its mean reward (discounted) next to the raw sums. */
    static ObjectNode render(ArmState state) {
        ObjectNode arm = JsonText.MAPPER.createObjectNode();
        arm.put("class", state.getLabel());
        arm.put("provider", state.getProvider());
        double weight = state.getWeight();
        if (weight > 0) {
            arm.put("meanReward", state.getRewardSum() / weight);
        } else {
            arm.putNull("meanReward");
        }
        arm.put("weight", weight);
        arm.put("count", state.getCount());
        arm.put("successes", state.getSuccesses());
        arm.put("failures", state.getFailures());
        arm.put("rewardSum", state.getRewardSum());
        arm.put("rewardSquareSum", state.getRewardSquareSum());
        arm.put("halfLifeMs", state.getHalfLifeMs()); // null when not discounted
        ArmHistory history = state.getHistory();
        if (history == null) {
            arm.putNull("history");
        } else {
            ObjectNode longer = arm.putObject("history");
            longer.put("meanReward", history.getWeight() > 0 ? history.getRewardSum() / history.getWeight() : null);
            longer.put("weight", history.getWeight());
            longer.put("rewardSum", history.getRewardSum());
            longer.put("rewardSquareSum", history.getRewardSquareSum());
            longer.put("halfLifeMs", history.getHalfLifeMs());
        }
        Instant updated = state.getLastUpdatedAt();
        arm.put("lastUpdatedAt", updated == null ? null : updated.toString());
        arm.put("version", state.getVersion());
        return arm;
    }

    private static HttpEndpoint.Response unavailable(String why) {
        return HttpEndpoint.Response.json(503, "{\"error\":" + JsonText.quote(why) + "}");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
