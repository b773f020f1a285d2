package io.kroute.runtime.bench;

import io.kroute.inference.weights.WeightFile;
import io.kroute.runtime.TopicCreator;
import io.kroute.runtime.TopicLayout;
import io.kroute.runtime.TopicSpec;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteTopics;
import io.kroute.topology.KrouteTopology;
import io.kroute.topology.StreamsProperties;
import io.kroute.topology.pending.PromptHome;
import io.kroute.topology.metrics.InMemoryKrouteCounters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The end-to-end harness: on one broker, runs the kroute topology and the {@link PassThroughTopology} in turn and
 * measures (1) throughput on a backlog of pre-produced prompts and (2) produce-to-output latency at a fixed offered
 * rate. Before every run the topics are truncated (records deleted up to their end), so each run's new application
 * reads only its own prompts. Not thread-safe; one run at a time.
 */
public final class PipelineBench implements AutoCloseable {

    public enum Pipeline {
        KROUTE("kroute"), PASS_THROUGH("pass-through");

        private final String key;

        Pipeline(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * @param commitIntervalMs Streams' commit interval for every run, both guarantees
     * @param lingerMs the Streams producers' batching delay
     */
    public record Settings(int backlog, int offeredRate, Duration latencyDuration, Duration warmup,
            long commitIntervalMs, int lingerMs, String compression) {
        public Settings {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog: expected at least 1 prompt, found " + backlog);
            }
            if (offeredRate < 1) {
                throw new IllegalArgumentException("rate: expected at least 1 prompt/s, found " + offeredRate);
            }
            if (!warmup.minus(latencyDuration).isNegative()) {
                throw new IllegalArgumentException("the warm-up (" + warmup + ") must be shorter than the latency run ("
                        + latencyDuration + ")");
            }
            if (commitIntervalMs < 1 || lingerMs < 0) {
                throw new IllegalArgumentException("commit interval: expected >= 1 ms, found " + commitIntervalMs
                        + "; linger: expected >= 0 ms, found " + lingerMs);
            }
        }
    }

    /**
     * @param processCpuNanos CPU time of the whole process (application, broker, clients) during the timed run
     * @param streamCpuNanos CPU time of the application's stream threads during the timed run
     */
    public record ThroughputResult(Pipeline pipeline, boolean exactlyOnce, long records, double seconds,
            long processCpuNanos, long streamCpuNanos) {
        public ThroughputResult(Pipeline pipeline, boolean exactlyOnce, long records, double seconds) {
            this(pipeline, exactlyOnce, records, seconds, -1, -1);
        }

        public double perSecond() {
            return records / seconds;
        }

        /** CPU microseconds per prompt of the whole process, or NaN when not measured. */
        public double processCpuMicrosPerRecord() {
            return processCpuNanos < 0 ? Double.NaN : processCpuNanos / 1e3 / records;
        }

        /** CPU microseconds per prompt of the stream threads, or NaN when not measured. */
        public double streamCpuMicrosPerRecord() {
            return streamCpuNanos < 0 ? Double.NaN : streamCpuNanos / 1e3 / records;
        }
    }

    public record LatencyResult(Pipeline pipeline, boolean exactlyOnce, long commitIntervalMs, int offeredRate,
            long produced, long received, LatencySummary latency) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final String bootstrapServers;
    private final WeightFile weights;
    private final List<PromptText> prompts;
    private final Path stateDir;
    private final SchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroCodec<PromptEvent> promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
    private final Admin admin;
    private final BenchTopics topics;
    private final Consumer<String> log;
    private final Layout layout;
    private int runNumber;

    /** A prompt's text and tenant, as read from the prompt file. */
    public record PromptText(String tenant, String text) {
    }

    /**
     * How both pipelines are laid out, the same for both (like for like).
     *
     * @param partitions partitions of every topic the harness creates (on a fresh broker)
     * @param streamThreads Kafka Streams threads of each application
     */
    public record Layout(int partitions, int streamThreads) {
        /** One partition, one stream thread: the broker shares the machine's cores with the application. */
        public static final Layout SINGLE = new Layout(1, 1);

        public Layout {
            if (partitions < 1 || streamThreads < 1) {
                throw new IllegalArgumentException("expected at least 1 partition and 1 stream thread, found "
                        + partitions + " and " + streamThreads);
            }
        }
    }

    public PipelineBench(String bootstrapServers, WeightFile weights, List<PromptText> prompts, Path stateDir,
            Consumer<String> log) {
        this(bootstrapServers, weights, prompts, stateDir, log, Layout.SINGLE);
    }

    public PipelineBench(String bootstrapServers, WeightFile weights, List<PromptText> prompts, Path stateDir,
            Consumer<String> log, Layout layout) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("expected at least one prompt to send, found none");
        }
        this.bootstrapServers = bootstrapServers;
        this.weights = weights;
        this.prompts = List.copyOf(prompts);
        this.stateDir = stateDir;
        this.log = log;
        this.layout = layout;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.topics = new BenchTopics(admin, TIMEOUT);
        List<TopicSpec> specs = new ArrayList<>(TopicLayout.specs(layout.partitions(),
                TopicLayout.DEFAULT_WEIGHTS_MAX_MESSAGE_BYTES));
        specs.add(new TopicSpec(PassThroughTopology.OUTPUT, layout.partitions(), Map.of()));
        TopicCreator.createMissing(admin, specs, Optional.empty());
    }

    /** Processes a backlog of {@code settings.backlog()} prompts and times it from the application's start. */
    public ThroughputResult throughput(Pipeline pipeline, boolean exactlyOnce, Settings settings) {
        topics.truncate();
        String runId = runId(pipeline, exactlyOnce, "throughput");
        try (KafkaProducer<String, byte[]> producer = producer(20, 262_144)) {
            for (int i = 0; i < settings.backlog(); i++) {
                producer.send(promptRecord(runId, i, System.currentTimeMillis()));
            }
            producer.flush();
        }
        long target = topics.endOffsets(List.of(KrouteTopics.PROMPTS)).values().stream().mapToLong(Long::longValue).sum();
        CountDownLatch running = new CountDownLatch(1);
        AtomicLong runningSince = new AtomicLong();
        try (KafkaStreams streams = streams(pipeline, exactlyOnce, settings, runId, running, runningSince)) {
            awaitRunning(streams, running);
            // CPU time as well as wall time: on a shared machine the wall time follows other processes' load, the
            // CPU time spent per prompt much less.
            long processCpuAtStart = processCpuNanos();
            long streamCpuAtStart = streamThreadCpuNanos(runId);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (topics.committed(runId) < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(pipeline.key() + " did not process " + settings.backlog()
                            + " prompts within " + TIMEOUT + " (committed " + topics.committed(runId) + ")");
                }
                checkAlive(streams, pipeline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            double seconds = (System.nanoTime() - runningSince.get()) / 1e9;
            long processCpu = processCpuNanos() - processCpuAtStart;
            long streamCpu = streamThreadCpuNanos(runId) - streamCpuAtStart;
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            return new ThroughputResult(pipeline, exactlyOnce, settings.backlog(), seconds,
                    processCpuAtStart < 0 ? -1 : processCpu, streamCpuAtStart < 0 ? -1 : streamCpu);
        }
    }

    /**
     * Offers prompts at a fixed rate to a running application and measures, for every output record, the time from
     * its prompt's send to its arrival at a read-committed consumer. Records whose prompt was sent during the warm-up
     * are waited for but not sampled.
     */
    public LatencyResult latency(Pipeline pipeline, boolean exactlyOnce, Settings settings) {
        topics.truncate();
        String runId = runId(pipeline, exactlyOnce, "latency");
        CountDownLatch running = new CountDownLatch(1);
        List<String> outputs = pipeline == Pipeline.KROUTE
                ? List.of(KrouteTopics.DECISIONS, KrouteTopics.QUARANTINE, KrouteTopics.DEAD_LETTERS)
                : List.of(PassThroughTopology.OUTPUT);
        try (KafkaStreams streams = streams(pipeline, exactlyOnce, settings, runId, running, new AtomicLong());
                KafkaConsumer<byte[], byte[]> consumer = outputConsumer(outputs)) {
            awaitRunning(streams, running);
            long total = (long) settings.offeredRate() * settings.latencyDuration().toSeconds();
            AtomicLong produced = new AtomicLong();
            long start = System.currentTimeMillis();
            long sampleFrom = start + settings.warmup().toMillis();
            Thread load = new Thread(() -> offer(runId, settings.offeredRate(), total, produced), "bench-load");
            load.start();
            long[] latencies = new long[(int) total];
            int samples = 0;
            long received = 0;
            long deadline = System.nanoTime() + settings.latencyDuration().toNanos() + Duration.ofSeconds(60).toNanos();
            while (received < total && System.nanoTime() < deadline) {
                checkAlive(streams, pipeline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    received++;
                    if (record.timestamp() >= sampleFrom && samples < latencies.length) {
                        latencies[samples++] = now - record.timestamp();
                    }
                }
            }
            join(load);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            return new LatencyResult(pipeline, exactlyOnce, settings.commitIntervalMs(), settings.offeredRate(),
                    produced.get(), received, LatencySummary.of(latencies, samples));
        }
    }

    /** Sends {@code total} prompts, the i-th at {@code i / rate} seconds after the start, stamped when sent. */
    private void offer(String runId, int rate, long total, AtomicLong produced) {
        // No batching delay: each prompt leaves when it is due, so the latency measured is the pipeline's.
        try (KafkaProducer<String, byte[]> producer = producer(0, 16_384)) {
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(promptRecord(runId, i, System.currentTimeMillis()));
                produced.incrementAndGet();
            }
            producer.flush();
        }
    }

    private ProducerRecord<String, byte[]> promptRecord(String runId, long i, long timestamp) {
        PromptText prompt = prompts.get((int) (i % prompts.size()));
        String id = runId + "-" + i;
        PromptEvent event = PromptEvent.newBuilder().setId(id).setTenant(prompt.tenant()).setText(prompt.text())
                .setCreatedAt(Instant.ofEpochMilli(timestamp)).setHints(null).setMetadata(null).build();
        return new ProducerRecord<>(KrouteTopics.PROMPTS, null, timestamp, id,
                promptCodec.encode(KrouteTopics.PROMPTS, event));
    }

    private KafkaStreams streams(Pipeline pipeline, boolean exactlyOnce, Settings settings, String runId,
            CountDownLatch running, AtomicLong runningSince) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, runId);
        overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The same number of stream threads for both pipelines (like for like); one by default, on a machine whose
        // cores the broker shares.
        overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, layout.streamThreads());
        // The same commit interval under both guarantees (at-least-once defaults to 30 s): progress and output
        // become visible at the same pace, and exactly-once's transaction per commit is the cost being measured.
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        // Batches of records per partition instead of one request per record; the delay bounds what it adds to
        // latency.
        overrides.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), settings.lingerMs());
        overrides.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        // Prompts and decisions are text-heavy: compression cuts broker I/O for a little CPU.
        overrides.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), settings.compression());
        Topology topology;
        Properties props;
        if (pipeline == Pipeline.KROUTE) {
            KrouteConfig config = KrouteConfig.builder().applicationId(runId).bootstrapServers(bootstrapServers)
                    .schemaRegistryUrl("mock://kroute-bench").build();
            topology = KrouteTopology.build(config, registry, weights, new InMemoryKrouteCounters()).topology();
            // The harness creates every topic with the layout's partitions: the home of each prompt id is known.
            overrides.put(PromptHome.PARTITIONS_CONFIG, layout.partitions());
            props = StreamsProperties.of(config, overrides);
        } else {
            topology = PassThroughTopology.build(registry);
            props = new Properties();
            props.putAll(overrides);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        }
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING && running.getCount() > 0) {
                runningSince.set(System.nanoTime());
                running.countDown();
            }
        });
        streams.start();
        return streams;
    }

    /** CPU time of this process so far, or -1 when the JVM cannot tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time so far of the stream threads of application {@code runId}, or -1 when the JVM cannot tell. */
    private static long streamThreadCpuNanos(String runId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return -1;
        }
        long sum = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith(runId + "-") && name.contains("-StreamThread-")) {
                long cpu = threads.getThreadCpuTime(thread.getId());
                sum += Math.max(cpu, 0);
            }
        }
        return sum;
    }

    private void awaitRunning(KafkaStreams streams, CountDownLatch running) {
        try {
            if (!running.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the application did not reach RUNNING within " + TIMEOUT
                        + " (state " + streams.state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the application to start", e);
        }
    }

    private static void checkAlive(KafkaStreams streams, Pipeline pipeline) {
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the " + pipeline.key() + " application stopped (state "
                    + streams.state() + "); see the log above");
        }
    }

    private String runId(Pipeline pipeline, boolean exactlyOnce, String kind) {
        runNumber++;
        return "kroute-bench-" + ProcessHandle.current().pid() + "-" + runNumber + "-" + pipeline.key() + "-"
                + (exactlyOnce ? "eos" : "alos") + "-" + kind;
    }

    private KafkaProducer<String, byte[]> producer(int lingerMs, int batchSize) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> outputConsumer(List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Only what a downstream reader of a transactional pipeline may see counts as delivered.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the positions now, before any prompt is offered.
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void join(Thread thread) {
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
