package io.kroute.runtime;

import io.kroute.topology.KrouteTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The repartition topics of kroute's topology, created before Kafka Streams starts. Streams would create them
 * itself, but only during its first rebalance, after its consumer has already asked for them: the broker answers
 * UNKNOWN_TOPIC_OR_PARTITION and the consumer warns until they exist. Created here with the settings Streams
 * gives them (deleted when consumed, so kept without time limit), they exist when it first asks.
 */
final class RepartitionTopics {
    private static final String SUFFIX = "-repartition";

    private RepartitionTopics() {
    }

    /** The repartition topics {@code topology} reads, named as Streams names them for {@code applicationId}. */
    static List<TopicSpec> specs(Topology topology, String applicationId, int partitions) {
        Map<String, String> configs = Map.of("cleanup.policy", "delete", "retention.ms", "-1",
                "segment.bytes", "52428800", "message.timestamp.type", "CreateTime",
                // A reward moved home carries the whole record it was, as large as its input topic allows.
                "max.message.bytes", Integer.toString(KrouteTopics.CARRIER_MAX_MESSAGE_BYTES));
        return topology.describe().subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .filter(topic -> topic.endsWith(SUFFIX))
                .distinct().sorted()
                .map(topic -> new TopicSpec(applicationId + "-" + topic, partitions, configs))
                .toList();
    }

    /**
     * Has the embedded broker create its coordinators' topics ({@code __consumer_offsets},
     * {@code __transaction_state}) with one request each, before Kafka Streams' clients look their coordinators up
     * all at once: otherwise each of them asks the broker to create the topic and all but the first are told it
     * exists already, which the broker logs as a warning. The answers themselves (no such group or transactional
     * id yet) do not matter.
     */
    static void createCoordinatorTopics(Map<String, Object> clientProps, String applicationId) {
        try (Admin admin = Admin.create(clientProps)) {
            awaitQuietly(admin.describeConsumerGroups(List.of(applicationId)).all());
            awaitQuietly(admin.describeTransactions(List.of(applicationId + "-coordinator-probe")).all());
        }
    }

    private static void awaitQuietly(KafkaFuture<?> future) {
        try {
            future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Expected: the group or transactional id does not exist yet; the lookup has created the topic.
        }
    }

    /** Creates those of {@link #specs} that are missing. */
    static void createMissing(Map<String, Object> clientProps, Topology topology, String applicationId,
            int partitions, Optional<Short> replicationFactor) {
        try (Admin admin = Admin.create(clientProps)) {
            TopicCreator.createMissing(admin, specs(topology, applicationId, partitions), replicationFactor);
        }
    }
}
