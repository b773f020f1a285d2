package io.kroute.runtime.bench;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteTopics;
import io.kroute.topology.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The limit kroute's pipeline is measured against: reads the prompts topic, decodes every prompt event and encodes
 * it again with the same Avro serde kroute uses, and writes it to {@link #OUTPUT}. Kafka, the Streams runtime and
 * the serdes, with no decision in between.
 */
public final class PassThroughTopology {
    public static final String OUTPUT = "bench-pass-through";

    private PassThroughTopology() {
    }

    public static Topology build(SchemaRegistry registry) {
        AvroSerde<PromptEvent> prompts = AvroSerde.of(PromptEvent.class, registry);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(KrouteTopics.PROMPTS, Consumed.with(Serdes.String(), prompts).withName("prompts-source"))
                .to(OUTPUT, Produced.with(Serdes.String(), prompts).withName("pass-through-sink"));
        return builder.build();
    }
}
