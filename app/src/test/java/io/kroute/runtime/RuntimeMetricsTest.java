package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;

class RuntimeMetricsTest {

    @Test
    void shouldPublishOneStoreMetricForStoresOfEveryKindUnderTheSameTagKeys() {
        try (RuntimeMetrics metrics = new RuntimeMetrics()) {
            Gauge.builder("kafka.stream.state.flush.latency.max", () -> 1.0)
                    .tags("in.memory.state.id", "weights-store", "task.id", "0_0").register(metrics.registry());
            Gauge.builder("kafka.stream.state.flush.latency.max", () -> 2.0)
                    .tags("rocksdb.state.id", "arm-statistics-store", "task.id", "3_2").register(metrics.registry());

            String text = metrics.registry().scrape();

            assertThat(text).contains("kafka_stream_state_flush_latency_max{state_id=\"weights-store\","
                    + "store_type=\"in-memory\",task_id=\"0_0\"} 1.0");
            assertThat(text).contains("kafka_stream_state_flush_latency_max{state_id=\"arm-statistics-store\","
                    + "store_type=\"rocksdb\",task_id=\"3_2\"} 2.0");
        }
    }
}
