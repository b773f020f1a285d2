package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.runtime.KrouteRuntime;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.schemas.registry.SchemaRegistries;
import io.kroute.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A kroute runtime inside the test JVM, on a given broker, with its own data folder and free ports. */
public final class InProcessKroute implements AutoCloseable {
    private final KrouteRuntime runtime;
    private final Path dataDir;
    private final SchemaRegistry registry;

    private InProcessKroute(KrouteRuntime runtime, Path dataDir) {
        this.runtime = runtime;
        this.dataDir = dataDir;
        this.registry = SchemaRegistries.connect(runtime.addresses().registryUrl());
    }

    /** Starts kroute and waits until Kafka Streams is RUNNING; {@code settings} are property name to value. */
    public static InProcessKroute start(String bootstrapServers, String applicationId, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("kroute-it-" + applicationId + "-");
        Map<String, String> flags = new HashMap<>();
        flags.put("bootstrap.servers", bootstrapServers);
        flags.put("application.id", applicationId);
        flags.put("kroute.data.dir", dataDir.toString());
        flags.put("kroute.http.port", "0");
        flags.put("kroute.registry.port", "0");
        flags.putAll(settings);
        KrouteRuntime runtime = KrouteRuntime.start(RuntimeConfig.resolve(null, Map.of(), flags), false, false);
        assertThat(runtime.awaitRunning(Duration.ofSeconds(90))).as("Kafka Streams RUNNING").isTrue();
        return new InProcessKroute(runtime, dataDir);
    }

    public KrouteRuntime runtime() {
        return runtime;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public String httpUrl() {
        return runtime.addresses().httpUrl();
    }

    /** The sum of every sample of a counter on {@code /metrics}. */
    public double counter(String name) {
        return sum(name, metrics());
    }

    /** The sum of every sample of counter {@code name} in Prometheus text, (all label sets). */
    public static double sum(String name, String prometheusText) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + "(\\{[^}]*\\})? (\\S+)$").matcher(prometheusText);
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(2));
        }
        return sum;
    }

    public String metrics() {
        return Http.get(httpUrl() + "/metrics").body();
    }

    @Override
    public void close() {
        runtime.close();
        EmbeddedKafkaExtension.delete(dataDir);
    }
}
