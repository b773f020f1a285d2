package io.kroute.topology.serde;

import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde over kroute's Confluent wire-format codec. Decoding errors surface as
 * {@link io.kroute.schemas.codec.DecodingException}; the topology never lets one reach Kafka Streams, because it
 * consumes its inputs as bytes and decodes them itself (so it can dead-letter them).
 */
public final class AvroSerde<T extends org.apache.avro.specific.SpecificRecord> implements Serde<T> {

    private final AvroCodec<T> codec;

    private AvroSerde(AvroCodec<T> codec) {
        this.codec = codec;
    }

    public static <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> of(Class<T> type,
            SchemaRegistry registry) {
        return new AvroSerde<>(AvroCodec.forValues(type, registry));
    }

    public AvroCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return codec::encode;
    }

    @Override
    public Deserializer<T> deserializer() {
        return codec::decode;
    }
}
