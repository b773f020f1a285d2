package io.kroute.runtime.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.bandit.BetaSampler;
import io.kroute.inference.bandit.sim.Scenario;
import io.kroute.inference.bandit.sim.World;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteConfig.PromptFormat;
import io.kroute.topology.KrouteTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's traffic around kroute: a producer of synthetic prompts at a fixed rate (with a few malformed and
 * a few anomalous ones), and simulated dispatch workers that read {@code decisions}, "call" the chosen
 * provider as the scenario says (success, latency, cost, quality at that point of the run) and send the
 * reward back once the call's latency has passed. Everything is seeded; ids carry a run id, so records of
 * earlier runs on the same topics are ignored.
 */
public final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    private static final String NO_ELIGIBLE_PROVIDER = "no-eligible-provider";
    private static final String TENANT = "demo";
    /** The tenant whose prompts the demo's catalog keeps on EU-hosted providers. */
    static final String EU_TENANT = "demo-eu";

    /**
     * @param brokenShare share of prompts sent as bytes that are not a prompt event (they go to dead-letters)
     * @param oddShare share of prompts whose text is far from any training prompt (the anomaly filter's job)
     * @param euShare share of prompts sent by the EU tenant
     */
    public record Settings(Duration duration, double rate, long seed, double brokenShare, double oddShare,
            PromptFormat format, double euShare) {
        public Settings {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration: expected a positive duration, found " + duration);
            }
            if (!(rate > 0) || rate > 100_000) {
                throw new IllegalArgumentException("rate: expected prompts per second in (0, 100000], found " + rate);
            }
        }

        public long prompts() {
            return Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
        }
    }

    private final Settings settings;
    private final Scenario scenario;
    private final World world;
    private final PromptSource prompts;
    private final DemoRecord ledger;
    private final String runId;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroCodec<PromptEvent> promptCodec;
    private final AvroCodec<RoutingDecision> decisionCodec;
    private final AvroCodec<RewardEvent> rewardCodec;
    private final AvroCodec<QuarantineRecord> quarantineCodec;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(daemon("kroute-demo-producer"));
    private final ScheduledExecutorService rewarder = Executors.newSingleThreadScheduledExecutor(daemon("kroute-demo-rewards"));
    private final Thread workers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final SplittableRandom promptRandom;
    private final SplittableRandom outcomeRandom;
    private final Map<String, Integer> trueClass = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong rewardsScheduled = new AtomicLong();
    private final AtomicLong rewardsAcked = new AtomicLong();
    private volatile long startNanos;
    private volatile boolean producing;

    public DemoTraffic(Map<String, Object> kafka, SchemaRegistry registry, Scenario scenario, PromptSource prompts,
            Settings settings) {
        this.settings = settings;
        this.scenario = scenario;
        this.world = new World(scenario);
        this.prompts = prompts;
        for (Scenario.TrafficClass trafficClass : scenario.classes()) {
            if (!prompts.has(trafficClass.name())) {
                throw new IllegalArgumentException("scenario class '" + trafficClass.name()
                        + "' has no prompts in the prompt file (expected one of the classifier's labels)");
            }
        }
        this.ledger = new DemoRecord(scenario);
        this.runId = Long.toString(Math.abs(settings.seed() * 31 + System.currentTimeMillis()), 36);
        this.promptRandom = new SplittableRandom(settings.seed());
        this.outcomeRandom = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put("acks", "all");
        producerConfig.put("linger.ms", 5);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.put("group.id", "kroute-demo-workers-" + runId);
        consumerConfig.put("auto.offset.reset", "latest");
        // Dispatch workers must only act on decisions kroute committed.
        consumerConfig.put("isolation.level", "read_committed");
        consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
        decisionCodec = AvroCodec.forValues(RoutingDecision.class, registry);
        rewardCodec = AvroCodec.forValues(RewardEvent.class, registry);
        quarantineCodec = AvroCodec.forValues(QuarantineRecord.class, registry);
        workers = new Thread(this::work, "kroute-demo-workers");
        workers.setDaemon(true);
    }

    /** Joins the output topics (from their current end), then starts sending prompts. */
    public void start() {
        consumer.subscribe(List.of(KrouteTopics.DECISIONS, KrouteTopics.QUARANTINE, KrouteTopics.DEAD_LETTERS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo's workers got no partitions of decisions within 60 s");
            }
            consumer.poll(Duration.ofMillis(100));
        }
        // Fix the starting offsets now, before the first prompt is sent.
        consumer.assignment().forEach(consumer::position);
        workers.start();
        startNanos = System.nanoTime();
        producing = true;
        sender.scheduleAtFixedRate(this::sendDue, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sendDue() {
        try {
            long total = settings.prompts();
            long due = Math.min(total, (long) Math.floor(elapsedMillis() / 1000.0 * settings.rate()));
            while (sent.get() < due) {
                sendPrompt(sent.getAndIncrement());
            }
            if (sent.get() >= total) {
                producing = false;
                throw new StopSending();
            }
        } catch (StopSending e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("The demo's prompt producer failed", e);
            producing = false;
            throw e;
        }
    }

    /** Ends the producer's schedule (an exception is how a fixed-rate task stops itself). */
    private static final class StopSending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopSending() {
            super(null, null, false, false);
        }
    }

    private void sendPrompt(long n) {
        String id = "demo-" + runId + "-" + n;
        int c = pickClass();
        String label = scenario.classes().get(c).name();
        List<String> texts = prompts.texts(label);
        String text = texts.get(promptRandom.nextInt(texts.size()));
        double draw = promptRandom.nextDouble();
        byte[] value;
        if (draw < settings.brokenShare()) {
            value = ("{\"id\": \"" + id + "\", \"tenant\": ").getBytes(StandardCharsets.UTF_8);
        } else {
            if (draw < settings.brokenShare() + settings.oddShare()) {
                text = oddText();
            }
            trueClass.put(id, c);
            String tenant = promptRandom.nextDouble() < settings.euShare() ? EU_TENANT : TENANT;
            PromptEvent event = PromptEvent.newBuilder().setId(id).setTenant(tenant).setText(text)
                    .setCreatedAt(Instant.now()).build();
            value = settings.format() == PromptFormat.JSON ? json(event) : promptCodec.encode(KrouteTopics.PROMPTS, event);
        }
        trueClass.putIfAbsent(id, c);
        producer.send(new ProducerRecord<>(KrouteTopics.PROMPTS, id, value), (metadata, error) -> {
            if (error == null) {
                acked.incrementAndGet();
            } else {
                sendFailures.incrementAndGet();
                LOG.warn("Prompt {} not sent: {}", id, error.getMessage());
            }
        });
    }

    private int pickClass() {
        double total = scenario.classes().stream().mapToDouble(Scenario.TrafficClass::share).sum();
        double x = promptRandom.nextDouble() * total;
        for (int c = 0; c < scenario.classes().size(); c++) {
            x -= scenario.classes().get(c).share();
            if (x < 0) {
                return c;
            }
        }
        return scenario.classes().size() - 1;
    }

    /** A text unlike any prompt: a long run of one symbol, a hex dump, or shouting punctuation. */
    private String oddText() {
        StringBuilder text = new StringBuilder();
        switch (promptRandom.nextInt(3)) {
            case 0 -> text.append("A".repeat(2000 + promptRandom.nextInt(2000)));
            case 1 -> {
                for (int i = 0; i < 400; i++) {
                    text.append(Long.toHexString(promptRandom.nextLong())).append(' ');
                }
            }
            default -> text.append("!!!??? ".repeat(300));
        }
        return text.toString();
    }

    private static byte[] json(PromptEvent event) {
        Map<String, Object> body = Map.of("id", event.getId(), "tenant", event.getTenant(), "text", event.getText(),
                "createdAt", event.getCreatedAt().toEpochMilli());
        try {
            return new ObjectMapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a prompt as JSON", e);
        }
    }

    private void work() {
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // close() wakes the consumer up to stop.
        } catch (RuntimeException e) {
            LOG.error("The demo's dispatch workers failed", e);
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (!key.startsWith("demo-" + runId + "-")) {
            return;
        }
        long second = elapsedMillis() / 1000;
        switch (record.topic()) {
            case KrouteTopics.QUARANTINE -> ledger.quarantined(key, NO_ELIGIBLE_PROVIDER.equals(
                    quarantineCodec.decode(KrouteTopics.QUARANTINE, record.value()).getCause()));
            case KrouteTopics.DEAD_LETTERS -> ledger.deadLettered(key);
            case KrouteTopics.DECISIONS -> dispatch(decisionCodec.decode(KrouteTopics.DECISIONS, record.value()), second);
            default -> {
            }
        }
    }

    /**
     * "Calls" the chosen provider and schedules the reward for when the call would have finished; when the call
     * fails, reports the failure and calls the decision's first fallback, as a dispatch worker does.
     */
    private void dispatch(RoutingDecision decision, long second) {
        Integer c = trueClass.get(decision.getPromptId());
        int p = ledger.providerIndex(decision.getProvider());
        if (c == null || p < 0) {
            ledger.foreignDecision();
            return;
        }
        long t = ledger.decided(decision, c, p, second, world);
        RewardEvent reward = call(decision.getPromptId(), c, p, t);
        schedule(reward, reward.getLatencyMs());
        if (!reward.getSuccess() && !decision.getFallbacks().isEmpty()) {
            int fallback = ledger.providerIndex(decision.getFallbacks().get(0));
            if (fallback >= 0) {
                RewardEvent fallbackReward = call(decision.getPromptId(), c, fallback, t);
                ledger.fallbackCalled(fallbackReward.getSuccess());
                schedule(fallbackReward, reward.getLatencyMs() + fallbackReward.getLatencyMs());
            }
        }
    }

    /** The outcome of calling provider {@code p} for a prompt of class {@code c} at decision {@code t}. */
    private RewardEvent call(String promptId, int c, int p, long t) {
        Scenario.Provider provider = scenario.providers().get(p);
        boolean success = outcomeRandom.nextDouble() < world.successProbability(c, p, t);
        double latency = provider.latencyMedianMs() * Math.exp(provider.latencySigma() * outcomeRandom.nextGaussian());
        double q = provider.quality();
        Double quality = !success ? null
                : q == 0 || q == 1 ? q : BetaSampler.beta(q * 20, (1 - q) * 20, outcomeRandom);
        return RewardEvent.newBuilder().setPromptId(promptId).setProvider(provider.name()).setSuccess(success)
                .setLatencyMs(Math.round(latency)).setCostUsd(provider.costPerCall()).setQualityScore(quality)
                .setObservedAt(Instant.now()).build();
    }

    private void schedule(RewardEvent reward, long afterMs) {
        rewardsScheduled.incrementAndGet();
        rewarder.schedule(() -> sendReward(reward), afterMs, TimeUnit.MILLISECONDS);
    }

    private void sendReward(RewardEvent reward) {
        reward.setObservedAt(Instant.now());
        byte[] value = rewardCodec.encode(KrouteTopics.REWARDS, reward);
        producer.send(new ProducerRecord<>(KrouteTopics.REWARDS, reward.getPromptId(), value), (metadata, error) -> {
            if (error == null) {
                rewardsAcked.incrementAndGet();
            } else {
                LOG.warn("Reward for {} not sent: {}", reward.getPromptId(), error.getMessage());
            }
        });
    }

    public long elapsedMillis() {
        return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1_000_000;
    }

    public boolean producing() {
        return producing;
    }

    public Settings settings() {
        return settings;
    }

    public DemoRecord ledger() {
        return ledger;
    }

    public long promptsSent() {
        return acked.get();
    }

    public long promptsFailed() {
        return sendFailures.get();
    }

    public long rewardsScheduled() {
        return rewardsScheduled.get();
    }

    public long rewardsSent() {
        return rewardsAcked.get();
    }

    /** Every prompt sent has an outcome (decision, quarantine, dead letter) and every reward due was sent. */
    public boolean drained() {
        return !producing && acked.get() + sendFailures.get() == settings.prompts()
                && ledger.outcomes() >= acked.get() && rewardsAcked.get() == rewardsScheduled.get();
    }

    @Override
    public void close() {
        producing = false;
        running.set(false);
        sender.shutdownNow();
        rewarder.shutdownNow();
        consumer.wakeup();
        try {
            workers.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
