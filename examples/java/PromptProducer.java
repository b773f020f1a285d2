import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends Avro prompts to kroute (its default --prompt-format), keyed by prompt id, written with kroute's codec in
 * Confluent's wire format against the schema kroute registered at start-up (this producer registers nothing).
 * Runs in source-file mode with kroute.jar (Kafka clients and kroute's schemas) on the class path:
 *
 *   java -cp app/target/kroute.jar examples/java/PromptProducer.java BOOTSTRAP REGISTRY_URL [COUNT] [ID_PREFIX]
 *
 * Prints one line per prompt: its id and the partition it was written to.
 */
public final class PromptProducer {
    private static final List<String> TEXTS = List.of("Translate good morning into French",
            "Write a Java method that reverses a list", "What is the integral of x squared",
            "Summarise this article about rivers in two sentences");

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        AvroCodec<PromptEvent> codec = AvroCodec.forValues(PromptEvent.class, SchemaRegistries.connect(args[1]))
                .withAutoRegister(false);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String prefix = args.length > 3 ? args[3] : "java";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                PromptEvent prompt = PromptEvent.newBuilder().setId(id).setTenant("acme")
                        .setText(TEXTS.get(i % TEXTS.size())).setCreatedAt(Instant.now()).build();
                RecordMetadata sent = producer.send(new ProducerRecord<>("prompts", id,
                        codec.encode("prompts", prompt))).get();
                System.out.println(id + " " + sent.partition());
            }
        }
    }
}
