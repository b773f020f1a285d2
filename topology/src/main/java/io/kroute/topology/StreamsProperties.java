package io.kroute.topology;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings kroute runs with; every default yields to a value the user set. */
public final class StreamsProperties {

    private StreamsProperties() {
    }

    /**
     * kroute's defaults under {@code overrides}: exactly-once v2, so a crash neither loses nor duplicates
     * decisions or reward updates.
     */
    public static Properties of(KrouteConfig config, Map<String, ?> overrides) {
        Properties props = new Properties();
        props.putAll(overrides);
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // Decisions and arm updates are committed atomically with the input offsets.
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Every serde is explicit in the topology; a default would only hide a missing one.
        props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
                org.apache.kafka.common.serialization.Serdes.ByteArraySerde.class.getName());
        props.putIfAbsent(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
                org.apache.kafka.common.serialization.Serdes.ByteArraySerde.class.getName());
        // A new application starts at the beginning of its inputs, so no prompt published before it is skipped.
        props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Tasks read prompts and rewards. A reward is only ever produced after its decision was committed, which is
        // after its prompt was processed, so waiting for an empty rewards partition (or an empty prompts one) to
        // fill before processing the other, to interleave them by timestamp, buys nothing here. It did cost: with
        // the default (0), Kafka Streams formats a log message with String.format for every record a task with an
        // empty input partition processes (about 5% of the stream thread under load, measured with JFR).
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A quarantine record or dead letter carries a whole input record and more: the default 1 MiB request
        // limit would fail (and stop) the stream on the largest prompt its topic accepts.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                KrouteTopics.CARRIER_MAX_MESSAGE_BYTES);
        // Internal topics Streams creates take what the producer may send them: a reward moved to its prompt id's
        // home through a repartition topic is as large as the rewards topic allows.
        props.putIfAbsent(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                Integer.toString(KrouteTopics.CARRIER_MAX_MESSAGE_BYTES));
        return props;
    }

    public static Properties of(KrouteConfig config) {
        return of(config, Map.of());
    }
}
