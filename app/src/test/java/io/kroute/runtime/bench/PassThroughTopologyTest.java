package io.kroute.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.topology.KrouteTopics;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class PassThroughTopologyTest {

    @Test
    void shouldDecodeAndReEncodeEveryPromptKeepingKeyAndTimestamp() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pass-through-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(PassThroughTopology.build(registry), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(KrouteTopics.PROMPTS, new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, byte[]> out = driver.createOutputTopic(PassThroughTopology.OUTPUT,
                    new StringDeserializer(), new ByteArrayDeserializer());
            PromptEvent event = PromptEvent.newBuilder().setId("p-1").setTenant("t").setText("hello world")
                    .setCreatedAt(Instant.ofEpochMilli(5)).setHints(null).setMetadata(null).build();
            in.pipeInput(new TestRecord<>("p-1", codec.encode(KrouteTopics.PROMPTS, event), Instant.ofEpochMilli(1234)));
            TestRecord<String, byte[]> record = out.readRecord();
            assertThat(record.key()).isEqualTo("p-1");
            assertThat(record.timestamp()).isEqualTo(1234L);
            assertThat(codec.decode(PassThroughTopology.OUTPUT, record.value())).isEqualTo(event);
            assertThat(out.isEmpty()).isTrue();
        }
    }
}
