import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Java side of consumer_latency.py: a Kafka consumer with isolation.level=read_committed (what a dispatch
 * worker must use under exactly-once) reads `decisions` from the end and prints, per record, its receipt time
 * minus its record timestamp in milliseconds and its key. Run in source-file mode with kroute.jar (which
 * carries the Kafka clients) on the class path:
 *   java -cp app/target/kroute.jar bench/latency/DecisionLatencyProbe.java BOOTSTRAP SECONDS
 */
public final class DecisionLatencyProbe {
    public static void main(String[] args) {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        props.put("group.id", "latency-probe-java-" + System.currentTimeMillis());
        props.put("auto.offset.reset", "latest");
        props.put("isolation.level", "read_committed");
        long end = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("decisions"));
            while (consumer.assignment().isEmpty() && System.currentTimeMillis() < end) {
                consumer.poll(Duration.ofMillis(100));
            }
            // Resolve the end offsets now, so records decided from here on are all read.
            consumer.assignment().forEach(consumer::position);
            System.out.println("READY");
            System.out.flush();
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long received = System.currentTimeMillis();
                    System.out.println((received - record.timestamp()) + " " + new String(record.key()));
                }
                System.out.flush();
            }
        }
    }
}
