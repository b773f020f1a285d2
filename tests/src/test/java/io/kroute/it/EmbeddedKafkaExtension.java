package io.kroute.it;

import io.kroute.runtime.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker (kroute's embedded KRaft broker) for a whole test class: register it as a static field
 * with {@code @RegisterExtension}. Its data lives in a temporary folder removed afterwards.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafkaBroker broker;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("kroute-it-broker-");
        // The broker shares the JVM with the tests: a fatal broker fault must fail them, not halt the JVM.
        broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
        delete(dataDir);
    }

    public String bootstrapServers() {
        if (broker == null) {
            throw new IllegalStateException("the broker starts before the test class; use the extension from a static field");
        }
        return broker.bootstrapServers();
    }

    static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
