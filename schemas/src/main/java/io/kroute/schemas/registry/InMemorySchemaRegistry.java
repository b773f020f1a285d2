package io.kroute.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * A schema registry held in memory, with Confluent's semantics: global ids from 1 shared across subjects,
 * versions from 1 per subject, registration idempotent, compatibility enforced at registration
 * ({@link CompatibilityLevel#BACKWARD} unless configured otherwise). Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel defaultLevel;

    public InMemorySchemaRegistry() {
        this(CompatibilityLevel.BACKWARD);
    }

    public InMemorySchemaRegistry(CompatibilityLevel defaultLevel) {
        this.defaultLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
    }

    public synchronized CompatibilityLevel compatibilityLevel() {
        return defaultLevel;
    }

    public synchronized void setCompatibilityLevel(CompatibilityLevel level) {
        this.defaultLevel = Objects.requireNonNull(level, "level");
    }

    /** The level in force for a subject: its own when set, the registry's otherwise. */
    public synchronized CompatibilityLevel compatibilityLevel(String subject) {
        return subjectLevels.getOrDefault(subject, defaultLevel);
    }

    public synchronized void setCompatibilityLevel(String subject, CompatibilityLevel level) {
        subjectLevels.put(requireSubject(subject), Objects.requireNonNull(level, "level"));
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
        for (RegisteredSchema existing : versions) {
            if (existing.schema().equals(schema)) {
                return existing.id();
            }
        }
        List<String> problems = compatibilityLevel(subject).incompatibilities(schema, schemasOf(versions));
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject '" + subject
                            + "' (" + compatibilityLevel(subject) + "): " + String.join("; ", problems));
        }
        Integer id = idsBySchema.get(schema);
        if (id == null) {
            schemasById.add(schema);
            id = schemasById.size();
            idsBySchema.put(schema, id);
        }
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(new RegisteredSchema(subject, version, id, schema));
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw SchemaRegistryException.schemaNotFound("with id " + id);
        }
        return schemasById.get(id - 1);
    }

    @Override
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return subjects.getOrDefault(requireSubject(subject), List.of()).stream()
                .filter(v -> v.schema().equals(schema)).findFirst();
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = existingVersions(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        return resolve(subject, Integer.toString(version));
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return existingVersions(subject).stream().map(RegisteredSchema::version).toList();
    }

    @Override
    public synchronized boolean isCompatible(String subject, String version, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        RegisteredSchema target = resolve(subject, version);
        List<RegisteredSchema> versions = existingVersions(subject);
        // A transitive level checks every version up to the one named; otherwise only that one.
        List<Schema> against = new ArrayList<>();
        for (RegisteredSchema candidate : versions) {
            if (candidate.version() <= target.version()
                    && (compatibilityLevel(subject).transitive() || candidate.version() == target.version())) {
                against.add(candidate.schema());
            }
        }
        return compatibilityLevel(subject).incompatibilities(schema, against).isEmpty();
    }

    /** Resolves a version argument ("latest" or a positive number) within a subject. */
    synchronized RegisteredSchema resolve(String subject, String version) {
        List<RegisteredSchema> versions = existingVersions(subject);
        if (LATEST.equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.invalidVersion(version);
        }
        if (number < 1) {
            throw SchemaRegistryException.invalidVersion(version);
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
    }

    private List<RegisteredSchema> existingVersions(String subject) {
        List<RegisteredSchema> versions = subjects.get(requireSubject(subject));
        if (versions == null) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static List<Schema> schemasOf(List<RegisteredSchema> versions) {
        return versions.stream().map(RegisteredSchema::schema).toList();
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("expected a subject name, found " + (subject == null ? "null" : "'" + subject + "'"));
        }
        return subject;
    }
}
