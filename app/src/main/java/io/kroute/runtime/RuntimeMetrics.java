package io.kroute.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The Prometheus registry behind {@code /metrics}: JVM, Kafka Streams and kroute's own meters. */
public final class RuntimeMetrics implements AutoCloseable {
    private static final String STATE_ID = ".state.id";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KafkaStreamsMetrics streamsMetrics;

    public RuntimeMetrics() {
        registry.config().meterFilter(uniformStoreTags());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /**
     * Kafka Streams tags a store's metrics with a key that names the store's kind ({@code in-memory-state-id},
     * {@code rocksdb-state-id}, ...), so one metric name (say {@code kafka_stream_state_flush_latency_max}) would
     * come with different tag keys, and Prometheus refuses all but the first kind's. Every kind gets the same
     * keys instead: {@code state.id} and {@code store.type}.
     */
    static MeterFilter uniformStoreTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                for (Tag tag : id.getTagsAsIterable()) {
                    if (tag.getKey().endsWith(STATE_ID)) {
                        List<Tag> tags = new ArrayList<>();
                        id.getTagsAsIterable().forEach(other -> {
                            if (!other.getKey().equals(tag.getKey())) {
                                tags.add(other);
                            }
                        });
                        String kind = tag.getKey().substring(0, tag.getKey().length() - STATE_ID.length());
                        tags.add(Tag.of("state.id", tag.getValue()));
                        tags.add(Tag.of("store.type", kind.replace('.', '-')));
                        return id.replaceTags(tags);
                    }
                }
                return id;
            }
        };
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Publishes every Kafka Streams client metric of {@code streams} (threads, tasks, stores, clients). */
    public synchronized void bind(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    /** The {@code /metrics} route: Prometheus text format. */
    public HttpEndpoint.Route route() {
        return (Map<String, String> query) -> HttpEndpoint.Response.text(200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }

    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        registry.close();
    }
}
