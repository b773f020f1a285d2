package io.kroute.schemas.codec;

import io.kroute.schemas.RecordClasses;
import io.kroute.schemas.registry.RegisteredSchema;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in Confluent's wire format, with subjects named by TopicNameStrategy
 * ({@code <topic>-value} or {@code <topic>-key}). Decoding looks the writer's schema up by the id in the
 * header and resolves it against this codec's (reader) schema, so records written with an earlier
 * compatible version of a schema still decode. Thread-safe; one instance can serve every stream thread.
 *
 * <p>The hot path allocates only the output: subject ids, writer schemas and resolving readers are cached
 * per id, and binary encoders, decoders and buffers are reused per thread.
 */
public final class AvroCodec<T extends SpecificRecord> {

    static {
        RecordClasses.trust();
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final Schema writerSchema;
    private final SchemaRegistry registry;
    private final boolean forKeys;
    private final boolean autoRegister;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();
    private final ThreadLocal<EncodeState> encodeState = ThreadLocal.withInitial(EncodeState::new);
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    private AvroCodec(Class<T> type, SchemaRegistry registry, boolean forKeys, boolean autoRegister) {
        this.type = Objects.requireNonNull(type, "type");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.forKeys = forKeys;
        this.autoRegister = autoRegister;
        this.readerSchema = KrouteSpecificData.INSTANCE.getSchema(type);
        this.writerSchema = JavaStringProperties.strip(readerSchema);
        this.writer = new SpecificDatumWriter<>(writerSchema, KrouteSpecificData.INSTANCE);
    }

    /** A codec for record values; the schema is registered under {@code <topic>-value} on first use. */
    public static <T extends SpecificRecord> AvroCodec<T> forValues(Class<T> type, SchemaRegistry registry) {
        return new AvroCodec<>(type, registry, false, true);
    }

    /** A codec for record keys; the schema is registered under {@code <topic>-key} on first use. */
    public static <T extends SpecificRecord> AvroCodec<T> forKeys(Class<T> type, SchemaRegistry registry) {
        return new AvroCodec<>(type, registry, true, true);
    }

    /**
     * The same codec, but when {@code autoRegister} is false encoding only looks the schema up (for
     * registries where producers may not register) and fails if it was not registered beforehand.
     */
    public AvroCodec<T> withAutoRegister(boolean autoRegister) {
        return new AvroCodec<>(type, registry, forKeys, autoRegister);
    }

    /** The schema records are decoded into: the generated class's own schema. */
    public Schema readerSchema() {
        return readerSchema;
    }

    /** The schema records are written with and registered as: the shipped {@code .avsc}, without Java-only properties. */
    public Schema writerSchema() {
        return writerSchema;
    }

    /** The wire-format bytes of {@code record} for {@code topic}; a null record encodes to null (a tombstone). */
    public byte[] encode(String topic, T record) {
        if (record == null) {
            return null;
        }
        int schemaId = idsByTopic.computeIfAbsent(topic, this::schemaIdFor);
        EncodeState state = encodeState.get();
        state.buffer.reset();
        WireFormat.writeHeader(state.header, schemaId);
        state.buffer.write(state.header, 0, WireFormat.HEADER_LENGTH);
        state.encoder = EncoderFactory.get().binaryEncoder(state.buffer, state.encoder);
        try {
            writer.write(record, state.encoder);
            state.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + " for topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        return state.buffer.toByteArray();
    }

    /**
     * Decodes wire-format bytes from {@code topic}; null bytes (a tombstone) decode to null.
     *
     * @throws DecodingException when the bytes are not a valid record (dead-letter them)
     * @throws SchemaRegistryException when the registry cannot be asked (retry or stop)
     */
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(topic, bytes);
        DatumReader<T> reader = readersById.get(schemaId);
        if (reader == null) {
            reader = readerFor(topic, schemaId);
            readersById.putIfAbsent(schemaId, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_LENGTH,
                bytes.length - WireFormat.HEADER_LENGTH, decoders.get());
        decoders.set(decoder);
        T value;
        try {
            value = reader.read(null, decoder);
        } catch (DecodingException e) {
            throw new DecodingException(e.kind(), "record from topic '" + topic + "' (schema id " + schemaId
                    + "): " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new DecodingException(DecodingException.Kind.TRUNCATED, "record from topic '" + topic
                    + "' (schema id " + schemaId + "): expected more bytes, the Avro body of " + (bytes.length
                    - WireFormat.HEADER_LENGTH) + " bytes ends before the record does", e);
        } catch (IOException | RuntimeException e) {
            throw new DecodingException(DecodingException.Kind.MALFORMED_PAYLOAD, "record from topic '" + topic
                    + "' (schema id " + schemaId + "): the Avro body does not match the writer's schema: " + e, e);
        }
        int left = decoder.remainingBytes();
        if (left > 0) {
            throw new DecodingException(DecodingException.Kind.TRAILING_BYTES, "record from topic '" + topic
                    + "' (schema id " + schemaId + "): expected the record to end the value, found " + left
                    + " bytes after it");
        }
        return value;
    }

    private int schemaIdFor(String topic) {
        String subject = SubjectNames.forTopic(topic, forKeys);
        if (autoRegister) {
            return registry.register(subject, writerSchema);
        }
        return registry.lookup(subject, writerSchema).map(RegisteredSchema::id)
                .orElseThrow(() -> new IllegalStateException("cannot encode " + type.getSimpleName()
                        + ": its schema is not registered under subject '" + subject
                        + "' and automatic registration is off"));
    }

    private DatumReader<T> readerFor(String topic, int schemaId) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new DecodingException(DecodingException.Kind.UNKNOWN_SCHEMA_ID, "record from topic '" + topic
                        + "': schema id " + schemaId + " is not known to the schema registry", e);
            }
            throw e;
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            // Every record with this id fails the same way: the refusal is cached like a reader.
            return new RefusingReader<>("the writer's schema " + writerSchema.getFullName()
                    + " cannot be read as " + readerSchema.getFullName() + ": " + compatibility.getDescription());
        }
        return new StrictUtf8DatumReader<>(writerSchema, readerSchema, KrouteSpecificData.INSTANCE);
    }

    private static final class EncodeState {
        final GrowableBuffer buffer = new GrowableBuffer();
        final byte[] header = new byte[WireFormat.HEADER_LENGTH];
        BinaryEncoder encoder;
    }

    /** An unsynchronized, reusable output buffer (ByteArrayOutputStream locks on every write). */
    private static final class GrowableBuffer extends java.io.OutputStream {
        private byte[] bytes = new byte[256];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Stands in for the reader of a writer schema known to be unreadable. */
    private static final class RefusingReader<T> implements DatumReader<T> {
        private final String message;

        RefusingReader(String message) {
            this.message = message;
        }

        @Override
        public void setSchema(Schema schema) {
            // the refusal does not depend on the schema
        }

        @Override
        public T read(T reuse, org.apache.avro.io.Decoder in) {
            throw new DecodingException(DecodingException.Kind.INCOMPATIBLE_SCHEMA, message);
        }
    }
}
