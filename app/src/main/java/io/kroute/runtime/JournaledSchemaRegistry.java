package io.kroute.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.schemas.registry.CompatibilityLevel;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.schemas.registry.RegisteredSchema;
import io.kroute.schemas.registry.SchemaRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The in-memory registry, made durable for the embedded default: every new registration is appended to a
 * journal (one JSON line: subject and schema), and the journal is replayed at start-up. Ids and versions are
 * assigned deterministically from the order of registrations, so a replay gives every schema back the id that
 * the records already on disk carry.
 */
public final class JournaledSchemaRegistry implements SchemaRegistry, AutoCloseable {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Path journal;
    private final BufferedWriter writer;

    private JournaledSchemaRegistry(Path journal) throws IOException {
        this.journal = journal;
        replay();
        this.writer = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Opens (and replays) the journal at {@code file}, creating it when absent. */
    public static JournaledSchemaRegistry open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new JournaledSchemaRegistry(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the schema journal " + file, e);
        }
    }

    private void replay() throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JsonText.MAPPER.readTree(line);
                registry.register(entry.path("subject").asText(), new Schema.Parser().parse(entry.path("schema").asText()));
            } catch (IOException | RuntimeException e) {
                // A line cut short by a crash can only be the last one; anything else means the file was edited.
                if (i == lines.size() - 1) {
                    break;
                }
                throw new IllegalStateException("the schema journal " + journal + " is damaged at line " + (i + 1)
                        + " (expected {\"subject\": ..., \"schema\": ...}): " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        boolean known = registry.lookup(subject, schema).isPresent();
        int id = registry.register(subject, schema);
        if (!known) {
            ObjectNode entry = JsonText.MAPPER.createObjectNode().put("subject", subject).put("schema", schema.toString());
            try {
                writer.write(entry.toString());
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the schema journal " + journal, e);
            }
        }
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        return registry.schemaById(id);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return registry.lookup(subject, schema);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registry.latest(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registry.version(subject, version);
    }

    @Override
    public List<String> subjects() {
        return registry.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return registry.versions(subject);
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        return registry.isCompatible(subject, version, schema);
    }

    /** The registry-wide compatibility level (subjects have no level of their own here). */
    public CompatibilityLevel compatibilityLevel() {
        return registry.compatibilityLevel();
    }

    /** The compatibility level registrations under {@code subject} are checked against. */
    public CompatibilityLevel compatibilityLevel(String subject) {
        return registry.compatibilityLevel(subject);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the schema journal " + journal, e);
        }
    }
}
