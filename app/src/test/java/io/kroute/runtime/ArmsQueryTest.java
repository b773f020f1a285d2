package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.schemas.ArmHistory;
import io.kroute.schemas.ArmState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArmsQueryTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldAnswerServiceUnavailableUntilTheApplicationRuns() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("arms"), Serdes.String(),
                Serdes.String()));
        builder.stream("in").process(IgnoreRecords::new, "arms");
        Properties props = new Properties();
        props.put("application.id", "arms-query-test");
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("state.dir", stateDir.toString());
        props.put("default.key.serde", Serdes.ByteArraySerde.class.getName());
        props.put("default.value.serde", Serdes.ByteArraySerde.class.getName());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            ArmsQuery query = new ArmsQuery(streams, "arms", new HostInfo("127.0.0.1", 8080));
            HttpEndpoint.Response all = query.answer(Map.of());
            assertThat(all.status()).isEqualTo(503);
            assertThat(new String(all.body())).contains("the application is CREATED");
            assertThat(query.answer(Map.of("class", "code", "provider", "a")).status()).isEqualTo(503);
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldRefuseAClassWithoutAProvider() {
        ArmsQuery query = new ArmsQuery(runningStreamsStandIn(), "arms", new HostInfo("127.0.0.1", 8080));
        assertThatThrownBy(() -> query.answer(Map.of("class", "code")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected both class and provider, or neither; found only class");
    }

    @Test
    void shouldRenderAnArmWithItsMeanReward() {
        ArmState state = ArmState.newBuilder().setLabel("code").setProvider("alpha").setSuccesses(3).setFailures(1)
                .setRewardSum(3).setRewardSquareSum(3).setWeight(4).setCount(4).setHalfLifeMs(60_000L)
                .setLastUpdatedAt(Instant.parse("2026-01-01T00:00:00Z")).setVersion(4).build();
        var json = ArmsQuery.render(state);
        assertThat(json.path("meanReward").asDouble()).isEqualTo(0.75);
        assertThat(json.path("count").asLong()).isEqualTo(4);
        assertThat(json.path("lastUpdatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.path("halfLifeMs").asLong()).isEqualTo(60_000);
        assertThat(json.path("history").isNull()).isTrue();
        state.setWeight(0);
        assertThat(ArmsQuery.render(state).path("meanReward").isNull()).isTrue();
    }

    @Test
    void shouldRenderTheHistoryOfAnArmUnderChangeAwareDiscounting() {
        ArmState state = ArmState.newBuilder().setLabel("code").setProvider("alpha").setSuccesses(1).setFailures(1)
                .setRewardSum(1).setRewardSquareSum(1).setWeight(2).setCount(10).setHalfLifeMs(60_000L)
                .setLastUpdatedAt(Instant.parse("2026-01-01T00:00:00Z")).setVersion(10)
                .setHistory(ArmHistory.newBuilder().setWeight(10).setRewardSum(8).setRewardSquareSum(8)
                        .setHalfLifeMs(null).build())
                .build();

        var history = ArmsQuery.render(state).path("history");

        assertThat(history.path("meanReward").asDouble()).isEqualTo(0.8);
        assertThat(history.path("weight").asDouble()).isEqualTo(10);
        assertThat(history.has("halfLifeMs")).isTrue();
        assertThat(history.path("halfLifeMs").isNull()).isTrue();
    }

    /** A processor that only has to exist, so the store belongs to a task. */
    static final class IgnoreRecords implements Processor<Object, Object, Void, Void> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    /** A KafkaStreams reporting RUNNING without running: the parameter check comes before any store access. */
    private KafkaStreams runningStreamsStandIn() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in");
        Properties props = new Properties();
        props.put("application.id", "arms-query-test-2");
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("state.dir", stateDir.toString());
        return new KafkaStreams(builder.build(), props) {
            @Override
            public State state() {
                return State.RUNNING;
            }
        };
    }
}
