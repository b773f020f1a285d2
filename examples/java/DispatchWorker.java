import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistries;
import io.kroute.schemas.registry.SchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A dispatch worker: reads kroute's decisions with isolation.level=read_committed (kroute writes them in
 * exactly-once transactions), "calls" the chosen provider and sends the reward to `rewards`, both with kroute's
 * codec over its schema registry. Runs in source-file mode with kroute.jar on the class path:
 *
 *   java -cp app/target/kroute.jar examples/java/DispatchWorker.java BOOTSTRAP REGISTRY_URL [COUNT] [ID_PREFIX]
 *
 * Prints one line per decision: prompt id, class, provider and propensity; stops after COUNT decisions whose
 * prompt id starts with ID_PREFIX, or after a minute.
 */
public final class DispatchWorker {
    public static void main(String[] args) {
        String bootstrap = args[0];
        SchemaRegistry registry = SchemaRegistries.connect(args[1]);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String prefix = args.length > 3 ? args[3] : "";
        AvroCodec<RoutingDecision> decisions = AvroCodec.forValues(RoutingDecision.class, registry);
        AvroCodec<RewardEvent> rewards = AvroCodec.forValues(RewardEvent.class, registry).withAutoRegister(false);
        Map<String, Object> consumerConfig = Map.of("bootstrap.servers", bootstrap,
                "group.id", "dispatch-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                        new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of("decisions"));
            int handled = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (handled < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    RoutingDecision decision = decisions.decode("decisions", record.value());
                    if (!decision.getPromptId().startsWith(prefix) || handled == count) {
                        continue;
                    }
                    RewardEvent reward = callProvider(decision);
                    producer.send(new ProducerRecord<>("rewards", decision.getPromptId(),
                            rewards.encode("rewards", reward)));
                    System.out.printf("%s %s %s %.3f%n", decision.getPromptId(), decision.getLabel(),
                            decision.getProvider(), decision.getPropensity());
                    handled++;
                }
            }
            producer.flush();
            if (handled < count) {
                throw new IllegalStateException("read " + handled + " decisions within a minute, expected " + count);
            }
        }
    }

    /** Stands in for the real call: success, latency, cost and a quality score. */
    private static RewardEvent callProvider(RoutingDecision decision) {
        return RewardEvent.newBuilder().setPromptId(decision.getPromptId()).setProvider(decision.getProvider())
                .setSuccess(true).setLatencyMs(420).setCostUsd(0.0012).setQualityScore(0.9)
                .setObservedAt(Instant.now()).build();
    }
}
