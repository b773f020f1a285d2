package io.kroute.schemas.codec;

import io.kroute.schemas.registry.RegisteredSchema;
import io.kroute.schemas.registry.SchemaRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Delegates to a registry and counts the calls the codec makes, to prove its caching. */
class CountingRegistry implements SchemaRegistry {

    final SchemaRegistry delegate;
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger schemaByIdCalls = new AtomicInteger();

    CountingRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        registrations.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        schemaByIdCalls.incrementAndGet();
        return delegate.schemaById(id);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        lookups.incrementAndGet();
        return delegate.lookup(subject, schema);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return delegate.latest(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return delegate.version(subject, version);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        return delegate.isCompatible(subject, version, schema);
    }
}
