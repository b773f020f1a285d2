package io.kroute.it;

import io.kroute.runtime.JournaledSchemaRegistry;
import io.kroute.runtime.TopicCreator;
import io.kroute.runtime.TopicLayout;
import io.kroute.runtime.SchemaRegistryHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * What child-JVM kroute instances share besides the broker: a schema registry served over HTTP that outlives
 * them, kroute's topics created up front, and a folder for their data and logs.
 */
public final class ExternalRegistry implements AutoCloseable {
    private final Path dir;
    private final JournaledSchemaRegistry registry;
    private final SchemaRegistryHttpServer server;

    private ExternalRegistry(Path dir, JournaledSchemaRegistry registry, SchemaRegistryHttpServer server) {
        this.dir = dir;
        this.registry = registry;
        this.server = server;
    }

    /** Opens the registry and creates kroute's topics with {@code partitions} partitions. */
    public static ExternalRegistry open(String name, Map<String, Object> adminClient, int partitions)
            throws IOException {
        Path dir = Files.createTempDirectory("kroute-it-" + name + "-");
        JournaledSchemaRegistry registry = JournaledSchemaRegistry.open(dir.resolve("schemas.jsonl"));
        SchemaRegistryHttpServer server = SchemaRegistryHttpServer.start(registry, 0);
        try (Admin admin = Admin.create(adminClient)) {
            TopicCreator.createMissing(admin, TopicLayout.specs(partitions, 16 << 20), Optional.empty());
        }
        return new ExternalRegistry(dir, registry, server);
    }

    public JournaledSchemaRegistry registry() {
        return registry;
    }

    public String url() {
        return server.url();
    }

    public Path dir() {
        return dir;
    }

    /** Writes a kroute properties file under the shared folder. */
    public Path config(String name, String... lines) throws IOException {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Override
    public void close() {
        server.close();
        registry.close();
        EmbeddedKafkaExtension.delete(dir);
    }
}
