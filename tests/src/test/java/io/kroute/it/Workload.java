package io.kroute.it;

import io.kroute.inference.bandit.ContextualBandit;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Production-like traffic around a running kroute: one thread sends prompts at a steady rate, another plays the
 * dispatch worker, reading committed decisions and answering each (once) with a reward. It keeps what the arm
 * statistics must add up to: per arm, the number and the sum of the rewards it sent for decisions on that arm.
 */
public final class Workload implements AutoCloseable {
    /** What one arm must have folded in. */
    public record Expected(long count, double rewardSum) {
    }

    private final Map<String, Object> client;
    private final SchemaRegistry registry;
    private final int prompts;
    private final int perSecond;
    private final long seed;
    private final RewardFunction rewardFunction = new RewardFunction(RewardFunction.Weights.DEFAULT);
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, RoutingDecision> decided = new ConcurrentHashMap<>();
    private final AtomicInteger duplicateDecisions = new AtomicInteger();
    private final Map<String, double[]> expected = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param client connection settings for the test's own clients
     * @param prompts how many prompts to send, {@code perSecond} a second
     */
    public Workload(Map<String, Object> client, SchemaRegistry registry, int prompts, int perSecond, long seed) {
        this.client = client;
        this.registry = registry;
        this.prompts = prompts;
        this.perSecond = perSecond;
        this.seed = seed;
    }

    public Workload start() {
        threads.add(thread("prompts", this::sendPrompts));
        threads.add(thread("dispatcher", this::dispatch));
        threads.forEach(Thread::start);
        return this;
    }

    private Thread thread(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "workload-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private void sendPrompts() {
        try (Traffic traffic = new Traffic(client, registry, seed)) {
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < prompts && running.get(); i++) {
                String id = "p-" + i;
                traffic.sendPrompt(id);
                sent.add(id);
                next += intervalNanos;
                // Pacing of the traffic itself: a steady rate, whatever happens to kroute meanwhile.
                long pause = next - System.nanoTime();
                if (pause > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pause);
                }
            }
            traffic.flush();
        }
    }

    private void dispatch() {
        SplittableRandom outcomes = new SplittableRandom(seed ^ 0x5eed);
        AvroCodec<RoutingDecision> codec = AvroCodec.forValues(RoutingDecision.class, registry);
        Map<String, Object> props = new HashMap<>(client);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> decisions = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()); Traffic rewards = new Traffic(client, registry, seed + 1)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : decisions.partitionsFor(KrouteTopics.DECISIONS, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(KrouteTopics.DECISIONS, info.partition()));
            }
            decisions.assign(partitions);
            decisions.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : decisions.poll(Duration.ofMillis(200))) {
                    RoutingDecision decision = codec.decode(KrouteTopics.DECISIONS, record.value());
                    if (decided.putIfAbsent(decision.getPromptId(), decision) != null) {
                        duplicateDecisions.incrementAndGet();
                        continue;
                    }
                    boolean success = outcomes.nextDouble() < 0.7;
                    long latencyMs = 100 + outcomes.nextInt(3_000);
                    double cost = outcomes.nextDouble() * 0.02;
                    rewards.sendReward(decision, success, latencyMs, cost);
                    double value = rewardFunction.reward(success, Double.NaN, latencyMs, cost);
                    synchronized (expected) {
                        add(KrouteConfig.armKey(decision.getLabel(), decision.getProvider()), value);
                        add(KrouteConfig.armKey(ContextualBandit.GLOBAL, decision.getProvider()), value);
                    }
                }
            }
            rewards.flush();
        }
    }

    private void add(String arm, double value) {
        double[] sums = expected.computeIfAbsent(arm, k -> new double[2]);
        sums[0] += 1;
        sums[1] += value;
    }

    /** Committed decisions seen by the dispatcher (first per prompt). */
    public int decisionsSeen() {
        checkHealthy();
        return decided.size();
    }

    public int duplicateDecisionsSeen() {
        return duplicateDecisions.get();
    }

    public List<String> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public boolean allSent() {
        return sent.size() == prompts;
    }

    public long rewardsSent() {
        synchronized (expected) {
            return expected.entrySet().stream().filter(e -> !e.getKey().startsWith(ContextualBandit.GLOBAL))
                    .mapToLong(e -> (long) e.getValue()[0]).sum();
        }
    }

    /** Per arm key, what its statistics must add up to. */
    public Map<String, Expected> expectedArms() {
        Map<String, Expected> result = new HashMap<>();
        synchronized (expected) {
            expected.forEach((arm, sums) -> result.put(arm, new Expected((long) sums[0], sums[1])));
        }
        return result;
    }

    private void checkHealthy() {
        Throwable e = failure.get();
        if (e != null) {
            throw new AssertionError("the workload failed: " + e, e);
        }
    }

    /** Stops sending; the dispatcher answers what it has read and stops too. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        checkHealthy();
    }

    /** What a run left once every prompt was answered and every reward folded: the audit's tally and the arms. */
    public record Reconciliation(Map<String, Long> tally, long rewardsSent,
            Map<String, ArmState> arms, List<String> disagreements) {
    }

    /**
     * Waits, each wait within {@code bound}, until every prompt is sent and answered on the output topics (failing
     * at once if {@code node} exits), the dispatcher has answered every decision, and every reward sent is folded
     * into its class arm and its global arm; then stops the workload and compares every arm with the rewards sent.
     */
    public Reconciliation reconcile(OutputAudit audit, KrouteProcess node, Duration bound) throws InterruptedException {
        Await.until("every prompt sent", bound, this::allSent);
        List<String> ids = sent();
        audit.readUntil("an answer for every prompt", bound, a -> {
            if (!node.isAlive()) {
                throw new AssertionError("kroute exited on its own:\n" + node.log());
            }
            return a.answered(ids) == ids.size();
        });
        Map<String, Long> tally = audit.tally(ids);
        Await.until("the dispatcher to answer every decision", bound, () -> decisionsSeen() >= tally.get("decided"));
        close();
        long rewards = rewardsSent();
        Map<String, ArmState> arms = Await.until("every reward folded into its arm and its global arm", bound,
                () -> armStates(client, registry), a -> countAll(a) >= 2 * rewards);
        return new Reconciliation(tally, rewards, arms, disagreements(expectedArms(), arms, 1e-6));
    }

    /** The latest statistics of every arm on {@code arm-state}, read to its end with read_committed. */
    public static Map<String, ArmState> armStates(Map<String, Object> client, SchemaRegistry registry) {
        AvroCodec<ArmState> codec = AvroCodec.forValues(ArmState.class, registry);
        Map<String, Object> props = new HashMap<>(client);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        Map<String, ArmState> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(KrouteTopics.ARM_STATE, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(KrouteTopics.ARM_STATE, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read arm-state to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), codec.decode(KrouteTopics.ARM_STATE, record.value()));
                }
            }
        }
        return latest;
    }

    /**
     * Compares every arm's statistics with what the rewards sent imply: per arm, the count exactly and the
     * discounted reward sum within {@code relativeTolerance} (the half-life is set long enough that discounting
     * over a test run stays below it). Returns the arms that disagree, described; empty when all agree.
     */
    public static List<String> disagreements(Map<String, Expected> expected, Map<String, ArmState> actual,
            double relativeTolerance) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Expected> arm : expected.entrySet()) {
            ArmState state = actual.get(arm.getKey());
            Expected want = arm.getValue();
            if (state == null) {
                wrong.add(arm.getKey() + ": expected " + want.count() + " rewards, found no arm-state");
            } else if (state.getCount() != want.count()
                    || Math.abs(state.getRewardSum() - want.rewardSum()) > relativeTolerance * Math.max(1, want.rewardSum())) {
                wrong.add(arm.getKey() + ": expected count " + want.count() + " and reward sum " + want.rewardSum()
                        + ", found count " + state.getCount() + " and reward sum " + state.getRewardSum());
            }
        }
        for (String arm : actual.keySet()) {
            if (!expected.containsKey(arm)) {
                wrong.add(arm + ": expected no rewards, found count " + actual.get(arm).getCount());
            }
        }
        return wrong;
    }

    /** Total reward count over every arm's statistics. */
    public static long countAll(Map<String, ArmState> arms) {
        return arms.values().stream().mapToLong(ArmState::getCount).sum();
    }
}
